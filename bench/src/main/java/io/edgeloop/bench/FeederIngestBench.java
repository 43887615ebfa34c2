package io.edgeloop.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Feeder ingest benchmark (bench/feeder-ingest.sh starts the infrastructure and the feeder, then this): generates
 * a ZIP of images, PUTs its images straight into the central S3 server as the baseline, streams the same ZIP
 * through the feeder and samples the feeder JVM's heap meanwhile. One summary line per measure.
 * <p>
 * Both paths are warmed first, as a feeder that has run for a while is: rounds of a small ZIP of other images,
 * each PUT raw and uploaded through the feeder (then removed), until the feeder's JIT compilers use under 5% of a
 * core in a round. A fresh feeder JVM compiles Camel's, the AWS SDK's and Kafka's code paths during its first
 * uploads, and on 2 cores that took as much CPU as the upload itself (half a core for the first 512 MB).
 *
 * <pre>
 * --size-mb=1024 --entry-kb=1024       image bytes in the ZIP, size of one image
 * --central=FILE                       central.properties of the running platform (endpoint, credentials)
 * --feeder=http://localhost:8081 --edge-id=edge1
 * --feeder-pid=PID                     the feeder JVM, for jstat/jcmd (optional)
 * --feeder-log=FILE --gc-log=FILE      its output and its -Xlog:gc file (optional)
 * --work-dir=DIR                       where the ZIP is written (default: the temp directory)
 * --warmup-images=128 --max-warmup-rounds=20   images in one warm-up ZIP, most rounds (0: measure a cold feeder)
 * </pre>
 * Exits 1 when the upload failed (not 200, or not every image stored) or the feeder ran out of memory or died.
 */
public final class FeederIngestBench {

    private static final double MB = 1024.0 * 1024.0;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final Map<String, String> options;

    private FeederIngestBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || !arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("usage: FeederIngestBench --central=FILE [--size-mb=1024] [--entry-kb=1024] "
                        + "[--feeder=URL] [--edge-id=ID] [--feeder-pid=PID] [--feeder-log=FILE] [--gc-log=FILE] [--work-dir=DIR] "
                        + "[--warmup-images=128] [--max-warmup-rounds=20]");
                System.exit(arg.equals("--help") ? 0 : 2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        System.exit(new FeederIngestBench(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        long sizeMb = Long.parseLong(options.getOrDefault("size-mb", "1024"));
        int entryKb = Integer.parseInt(options.getOrDefault("entry-kb", "1024"));
        String feeder = options.getOrDefault("feeder", "http://localhost:8081");
        String edgeId = options.getOrDefault("edge-id", "edge1");
        Properties central = load(Path.of(require("central")));
        Path workDir = Path.of(options.getOrDefault("work-dir", System.getProperty("java.io.tmpdir")));
        String runId = Long.toString(System.currentTimeMillis(), 36);

        try (CentralS3 s3 = CentralS3.connect(central)) {
            if (!warmUp(s3, workDir, entryKb, runId, feeder, edgeId)) {
                return false;
            }
            Path zipFile = Files.createTempFile(workDir, "feeder-bench-", ".zip");
            try {
                long start = System.nanoTime();
                ImageZip zip = ImageZip.generate(zipFile, entries(sizeMb, entryKb), entryKb * 1024, runId, 42);
                System.out.printf(Locale.ROOT, "zip: %d images of %d KB = %.0f MB of images, %.1f MB file, generated in %.1f s%n",
                        zip.entries(), entryKb, zip.imageBytes() / MB, zip.fileBytes() / MB, seconds(System.nanoTime() - start));

                double rawMbPerSecond = rawPuts(s3, zip, runId, true);
                return throughFeeder(s3, zip, feeder, edgeId, rawMbPerSecond);
            } finally {
                Files.deleteIfExists(zipFile);
            }
        }
    }

    private static int entries(long sizeMb, int entryKb) {
        return (int) Math.max(1, sizeMb * 1024 / entryKb);
    }

    /**
     * Rounds of other images both ways (raw PUTs, then the feeder) until the feeder's JIT compilers used under 5%
     * of a core in a round, at most --max-warmup-rounds; false when a warm-up upload failed.
     */
    private boolean warmUp(CentralS3 s3, Path workDir, int entryKb, String runId, String feeder, String edgeId)
            throws Exception {
        int maxRounds = Integer.parseInt(options.getOrDefault("max-warmup-rounds", "20"));
        long pid = Long.parseLong(options.getOrDefault("feeder-pid", "-1"));
        int entries = Integer.parseInt(options.getOrDefault("warmup-images", "128"));
        long start = System.nanoTime();
        double share = 1;
        int round = 0;
        while (round < maxRounds && share >= 0.05) {
            round++;
            Path file = Files.createTempFile(workDir, "feeder-warmup-", ".zip");
            try {
                ImageZip zip = ImageZip.generate(file, entries, entryKb * 1024, runId + "-w" + round, round);
                rawPuts(s3, zip, runId + "-w" + round, false);
                long compiled = JitActivity.compilerCpuNanos(pid);
                long roundStart = System.nanoTime();
                Upload upload = upload(zip.file(), feeder, edgeId, pid, null);
                share = (double) (JitActivity.compilerCpuNanos(pid) - compiled) / (System.nanoTime() - roundStart);
                if (!upload.ok() || upload.reply().path("stored").asInt() != zip.entries()) {
                    System.out.println("warm-up upload FAILED: " + upload.outcome());
                    return false;
                }
                cleanUp(s3, zip, edgeId, upload.reply().path("batchId").asText(), true);
            } finally {
                Files.deleteIfExists(file);
            }
        }
        if (round > 0) {
            System.out.printf(Locale.ROOT, "warm-up: %d rounds of %d images both ways in %.0f s; the feeder's JIT compilers "
                    + "used %.1f%% of a core during the last upload%n", round, entries, seconds(System.nanoTime() - start),
                    share * 100);
        }
        return true;
    }

    /** The baseline: the same images PUT one after the other into a scratch bucket, which is removed after. */
    private static double rawPuts(CentralS3 s3, ImageZip zip, String runId, boolean print) throws IOException {
        String bucket = "bench-raw-" + runId;
        s3.createBucket(bucket);
        try {
            long nanos = s3.putAll(zip, bucket);
            double mbPerSecond = zip.imageBytes() / MB / seconds(nanos);
            if (print) {
                System.out.printf(Locale.ROOT, "raw S3 PUT: %.0f MB in %.1f s = %.1f MB/s (%d sequential PUTs, %.1f ms each)%n",
                        zip.imageBytes() / MB, seconds(nanos), mbPerSecond, zip.entries(), nanos / 1e6 / zip.entries());
            }
            return mbPerSecond;
        } finally {
            s3.delete(bucket, zip.entryNames());
            s3.deleteBucket(bucket);
        }
    }

    private boolean throughFeeder(CentralS3 s3, ImageZip zip, String feeder, String edgeId, double rawMbPerSecond)
            throws Exception {
        long pid = Long.parseLong(options.getOrDefault("feeder-pid", "-1"));
        Path gcLogFile = options.containsKey("gc-log") ? Path.of(options.get("gc-log")) : null;
        GcLog gcLog = gcLogFile == null ? null : GcLog.mark(gcLogFile);
        HeapSampler heap = pid > 0 ? HeapSampler.start(pid, 250) : null;
        RouteTimes before = RouteTimes.scrape(HTTP, feeder);
        Path feederLog = options.containsKey("feeder-log") ? Path.of(options.get("feeder-log")) : null;
        LogWatch oom = feederLog == null ? null : LogWatch.from(feederLog, "OutOfMemoryError");
        Upload upload;
        try {
            upload = upload(zip.file(), feeder, edgeId, pid, oom);
        } finally {
            if (heap != null) {
                heap.close();
            }
        }
        boolean ok = upload.ok() && upload.reply().path("stored").asInt(-1) == zip.entries();
        double mbPerSecond = zip.imageBytes() / MB / seconds(upload.nanos());
        if (ok) {
            System.out.printf(Locale.ROOT, "feeder: %.0f MB in %.1f s = %.1f MB/s (%.2f x raw; %.1f ms per image; %s)%n",
                    zip.imageBytes() / MB, seconds(upload.nanos()), mbPerSecond, mbPerSecond / rawMbPerSecond,
                    upload.nanos() / 1e6 / zip.entries(), upload.outcome());
        } else {
            System.out.printf(Locale.ROOT, "feeder: FAILED after %.1f s (%s)%n", seconds(upload.nanos()), upload.outcome());
        }

        RouteTimes after = RouteTimes.scrape(HTTP, feeder);
        if (before != null && after != null) {
            String storeImage = after.meanMillisSince(before, "store-image");
            if (storeImage != null) {
                System.out.printf(Locale.ROOT, "feeder route store-image (S3 head + put + Kafka event): %s ms per image%n", storeImage);
            }
        }
        if (heap != null) {
            long max = HeapSampler.maxHeapBytes(pid);
            System.out.printf(Locale.ROOT, "feeder peak heap: %.0f MB of %s max (jstat used S0U+S1U+EU+OU every 250 ms, %d samples; old gen peak %.0f MB)%n",
                    heap.peakUsedMb(), max > 0 ? String.format(Locale.ROOT, "%.0f MB", max / MB) : "? MB", heap.samples(),
                    heap.peakOldGenMb());
            if (heap.samples() == 0) {
                System.out.println("  jstat gave no samples: " + heap.problem());
            }
        }
        if (gcLog != null) {
            GcLog.Summary gc = gcLog.summary();
            if (gc != null) {
                System.out.printf(Locale.ROOT, "feeder GC during upload: %d pauses (%d full), %.0f ms paused, heap at most %d MB before a GC, at most %d MB after one%n",
                        gc.pauses(), gc.fullPauses(), gc.pauseMillis(), gc.maxBeforeMb(), gc.maxAfterMb());
            }
        }
        if (pid > 0 || feederLog != null) {
            boolean alive = pid <= 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            boolean outOfMemory = oom != null && oom.seen();
            System.out.printf("feeder survived: %s%n", alive && !outOfMemory ? "yes (running, no OutOfMemoryError in its log)"
                    : "NO (" + (alive ? "" : "process gone; ") + (outOfMemory ? "OutOfMemoryError in its log" : "") + ")");
            ok &= alive && !outOfMemory;
        }
        if (upload.reply() != null) {
            cleanUp(s3, zip, edgeId, upload.reply().path("batchId").asText(), ok);
        }
        return ok;
    }

    /** What one upload to the feeder came to: its reply (null when none came), its time, and why it broke. */
    private record Upload(HttpResponse<String> response, JsonNode reply, long nanos, String broken) {

        boolean ok() {
            return response != null && response.statusCode() == 200;
        }

        String outcome() {
            if (response == null) {
                return "NO REPLY: " + broken + " after " + String.format(Locale.ROOT, "%.1f s", seconds(nanos));
            }
            if (!ok()) {
                return "HTTP " + response.statusCode() + " " + response.body();
            }
            return String.format(Locale.ROOT, "stored %d, duplicates %d, skipped %d", reply.path("stored").asInt(-1),
                    reply.path("duplicates").asInt(), reply.path("skipped").size());
        }
    }

    /**
     * PUTs the ZIP to the feeder and waits for the reply, but gives up as soon as the feeder dies or runs out of
     * memory (it may then never answer).
     */
    private static Upload upload(Path zipFile, String feeder, String edgeId, long pid, LogWatch oom) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(feeder + "/zip?edgeId=" + edgeId))
                .timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofFile(zipFile))
                .build();
        HttpResponse<String> response = null;
        String broken = null;
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> pending = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        while (response == null && broken == null) {
            try {
                response = pending.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (pid > 0 && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    broken = "the feeder process is gone";
                } else if (oom != null && oom.seen()) {
                    broken = "OutOfMemoryError in the feeder's log";
                }
            } catch (ExecutionException e) {
                broken = "the upload failed: " + e.getCause();
            }
        }
        if (broken != null) {
            pending.cancel(true);
        }
        long nanos = System.nanoTime() - start;
        JsonNode reply = response != null && response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        return new Upload(response, reply, nanos, broken);
    }

    /**
     * Checks (after a complete upload) that the first and last image arrived with their checksum, then removes
     * what the upload stored.
     */
    private static void cleanUp(CentralS3 s3, ImageZip zip, String edgeId, String batchId, boolean complete) {
        String bucket = edgeId + "-data";
        List<String> names = zip.entryNames();
        for (String key : complete ? List.of(names.get(0), names.get(names.size() - 1)) : List.<String>of()) {
            if (!s3.metadata(bucket, key).containsKey("sha256")) {
                throw new IllegalStateException(key + " was stored without its sha256 metadata");
            }
        }
        List<String> keys = new ArrayList<>(names);
        keys.add("batches/" + batchId + ".json");
        s3.delete(bucket, keys);
        if (s3.exists(bucket, names.get(0))) {
            throw new IllegalStateException("the stored images could not be deleted");
        }
    }

    private String require(String option) {
        String value = options.get(option);
        if (value == null) {
            throw new IllegalArgumentException("--" + option + "=... is required");
        }
        return value;
    }

    private static Properties load(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        }
        return props;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
