package io.edgeloop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.dataset.SyntheticDataset;
import io.edgeloop.local.testing.S3TestClient;
import io.edgeloop.local.testing.ZipBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code edgeloop up} killed with SIGKILL (the JVM and the trainer it runs, no shutdown) in the middle of what the
 * loop does, then started again on the same data directory, four times over as one shop's story: each step
 * crashes the platform at an observable point and the next start checks what it finds.
 *
 * <ol>
 * <li>during the training of the first model (at the trainer's first epoch event on Kafka; the platform's JVM
 *     alone: the trainer must end by itself);</li>
 * <li>right after a detection answered, while a ZIP upload to the feeder is cut mid-stream (the test client
 *     holds back the second half, once the first images are in {@code edge1-data});</li>
 * <li>during the manager's copy of a model into the edge model repository (a version with a 128 MB file, once
 *     its staging directory exists).</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = EdgeShop.MODEL;
    private static final String PREFIX = "models/" + MODEL + "/";
    private static final String NEW_PRODUCT = "tea-licorice";
    private static final Duration TRAINING = Duration.ofMinutes(4);

    private static Path dataDir;
    private static EdgeLoopUp edgeloop;
    // What each step leaves for the next start to check.
    private static String detectedKey;
    private static byte[] detectedPhoto;
    private static List<String> batchManifestsBeforeTheCut;
    private static Map<String, byte[]> cutZipImages;
    private static byte[] cutZip;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("crash");
        edgeloop = new EdgeLoopUp(dataDir);
        edgeloop.start();
    }

    @AfterAll
    static void stop() throws Exception {
        edgeloop.kill();
        // Half a GB: the large model version in central S3, the edge archive and the model repository.
        try (var files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    @Order(1)
    void aTrainingKilledLeavesNoHalfVersionAndTheNextRunPublishesTheNextNumber() throws Exception {
        // edgeloop up ships generated photos for the first model: kill while the trainer trains on them.
        await().atMost(TRAINING).pollInterval(Duration.ofMillis(100))
                .until(() -> !edgeloop.kafka().readContaining("edge1", "\"stage\":\"epoch\"").isEmpty());
        // kill -9 of the platform's JVM alone: the trainer it started ends by itself.
        List<ProcessHandle> trainer = edgeloop.killJvmOnly();
        assertThat(trainer).as("the trainer's process").isNotEmpty();
        for (ProcessHandle process : trainer) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !process.isAlive());
        }

        edgeloop.start();
        try (S3TestClient central = edgeloop.centralS3()) {
            assertThat(central.keys("edge1-models", "")).as("no half version").isEmpty();
            assertThat(central.keys("edge1-ready", "")).isEmpty();
            // The photos were stored before the kill: edgeloop up trains on them again, and version 1 comes.
            edgeloop.awaitOutput("serves " + MODEL + " version 1 after", TRAINING);
            assertThat(central.keys("edge1-models", PREFIX + "1/manifest.json")).hasSize(1);
        }
        try (var versions = Files.list(edgeloop.modelDirectory())) {
            assertThat(versions.map(version -> version.getFileName().toString())).containsExactly("1");
        }
    }

    @Test
    @Order(2)
    void anUploadCutByAKillStoresWholeImagesOnlyAndItsRetryTriggersOnce() throws Exception {
        // A detection first: its answer means its photo is stored.
        byte[] photo = new SyntheticDataset(List.of("tea-green"), 1, 96, 11).images().findFirst().orElseThrow().jpeg();
        List<String> photosBefore = detectedPhotos();
        HttpResponse<String> detection = EdgeShop.post(edgeloop.url("shopper.port", "/detection"), EdgeShop.imageJson(photo));
        assertThat(detection.statusCode()).as(detection.body()).isEqualTo(200);
        List<String> photosAfter = detectedPhotos();
        photosAfter.removeAll(photosBefore);
        assertThat(photosAfter).hasSize(1);
        detectedKey = photosAfter.get(0);
        detectedPhoto = photo;

        try (S3TestClient central = edgeloop.centralS3()) {
            batchManifestsBeforeTheCut = central.keys("edge1-data", "batches/");
            cutZipImages = new LinkedHashMap<>();
            ZipBuilder zip = new ZipBuilder();
            new SyntheticDataset(List.of(NEW_PRODUCT), 40, 96, 5).images().forEach(image -> {
                zip.add(image.path(), image.jpeg());
                cutZipImages.put(image.path(), image.jpeg());
            });
            cutZip = zip.build();
            CountDownLatch released = new CountDownLatch(1);
            HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                    edgeloop.url("feeder.port", "/zip?edgeId=edge1")).PUT(HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new HalfThenWait(cutZip, released)), cutZip.length))
                    .build(), HttpResponse.BodyHandlers.ofString());
            try {
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> central.keys("edge1-data", "images/" + NEW_PRODUCT + "/").size() >= 5);
                edgeloop.kill();
            } finally {
                released.countDown();
            }
        }
    }

    @Test
    @Order(3)
    void afterTheRestartTheDetectedPhotoIsThereAndTheCutBatchNeverHappened() throws Exception {
        edgeloop.start();
        try (S3TestClient edge = edgeloop.edgeS3(); S3TestClient central = edgeloop.centralS3()) {
            String[] bucketAndKey = detectedKey.split("/", 2);
            assertThat(edge.get(bucketAndKey[0], bucketAndKey[1])).as("the detected photo").isEqualTo(detectedPhoto);

            assertThat(central.keys("edge1-data", "batches/")).as("no manifest").isEqualTo(batchManifestsBeforeTheCut);
            assertThat(edgeloop.kafka().readContaining("trigger", NEW_PRODUCT)).as("no trigger").isEmpty();
            List<String> storedBeforeTheKill = central.keys("edge1-data", "images/" + NEW_PRODUCT + "/");
            assertThat(storedBeforeTheKill).hasSizeBetween(5, cutZipImages.size() - 1);
            for (String key : storedBeforeTheKill) {
                assertThat(central.get("edge1-data", key)).as(key).isEqualTo(cutZipImages.get(key));
            }

            HttpResponse<String> retry = EdgeShop.put(edgeloop.url("feeder.port", "/zip?edgeId=edge1"), cutZip);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            JsonNode summary = JSON.readTree(retry.body());
            assertThat(summary.get("duplicates").asInt()).isEqualTo(storedBeforeTheKill.size());
            assertThat(summary.get("stored").asInt()).isEqualTo(cutZipImages.size() - storedBeforeTheKill.size());
            assertThat(central.keys("edge1-data", "images/" + NEW_PRODUCT + "/")).hasSize(cutZipImages.size());
            List<String> triggers = edgeloop.kafka().readContaining("trigger", NEW_PRODUCT);
            assertThat(triggers).hasSize(1);
            assertThat(triggers.get(0)).contains(summary.get("batchId").asText());
        }
    }

    @Test
    @Order(4)
    void aModelCopyCutByAKillIsNeverHalfExposedAndCompletesAfterTheRestart() throws Exception {
        // The retried batch trains version 2, which the manager delivers.
        await().atMost(TRAINING).until(() -> Files.isRegularFile(edgeloop.modelDirectory().resolve("2/manifest.json")));
        Path version3 = dataDir.resolve("version3");
        ObjectNode manifest = versionWithALargeFile(version3);
        try (S3TestClient central = edgeloop.centralS3()) {
            for (JsonNode file : manifest.get("files")) {
                String path = file.get("path").asText();
                central.sdk().putObject(b -> b.bucket("edge1-ready").key(PREFIX + "3/" + path),
                        RequestBody.fromFile(version3.resolve(path)));
            }
            central.put("edge1-ready", PREFIX + "3/manifest.json", JSON.writeValueAsBytes(manifest));
        }
        Path staging = edgeloop.modelDirectory().resolve(".3.incoming");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10)).until(() -> Files.isDirectory(staging));
        edgeloop.kill();
        assertThat(edgeloop.modelDirectory().resolve("3")).as("nothing half exposed").doesNotExist();

        edgeloop.start();
        Path published = edgeloop.modelDirectory().resolve("3");
        await().atMost(Duration.ofMinutes(2)).until(() -> Files.isRegularFile(published.resolve("manifest.json")));
        for (JsonNode file : manifest.get("files")) {
            Path copy = published.resolve(file.get("path").asText());
            assertThat(Files.size(copy)).as(file.toString()).isEqualTo(file.get("size").asLong());
            assertThat(sha256(copy)).as(file.toString()).isEqualTo(file.get("sha256").asText());
        }
        assertThat(staging).doesNotExist();
        try (S3TestClient central = edgeloop.centralS3(); S3TestClient edge = edgeloop.edgeS3()) {
            await().atMost(Duration.ofMinutes(1)).until(() -> central.keys("edge1-ready", PREFIX + "3/").isEmpty());
            assertThat(edge.keys("production", PREFIX + "3/manifest.json")).hasSize(1);
        }
    }

    /** Version 2 as the trainer published it, plus a 128 MB file copied first, so the copy takes a while. */
    private static ObjectNode versionWithALargeFile(Path directory) throws Exception {
        Path version2 = edgeloop.modelDirectory().resolve("2");
        ObjectNode manifest = (ObjectNode) JSON.readTree(version2.resolve("manifest.json").toFile());
        Path large = directory.resolve("assets/padding.bin");
        Files.createDirectories(large.getParent());
        byte[] chunk = new byte[1 << 20];
        new Random(3).nextBytes(chunk);
        try (OutputStream out = Files.newOutputStream(large)) {
            for (int i = 0; i < 128; i++) {
                out.write(chunk);
            }
        }
        ArrayNode files = JSON.createArrayNode();
        files.addObject().put("path", "assets/padding.bin").put("size", Files.size(large)).put("sha256", sha256(large));
        for (JsonNode file : manifest.get("files")) {
            Path target = directory.resolve(file.get("path").asText());
            Files.createDirectories(target.getParent());
            Files.copy(version2.resolve(file.get("path").asText()), target);
            files.add(file);
        }
        manifest.put("version", 3).set("files", files);
        return manifest;
    }

    /** {@code <bucket>/<key>} of every photo the shopper kept from detections. */
    private static List<String> detectedPhotos() {
        List<String> photos = new ArrayList<>();
        try (S3TestClient edge = edgeloop.edgeS3()) {
            for (String bucket : List.of("valid", "unclassified")) {
                edge.keys(bucket, "").forEach(key -> photos.add(bucket + "/" + key));
            }
        }
        return photos;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The first half of a body, then nothing until released (and then an error): an upload cut mid-stream. */
    private static final class HalfThenWait extends InputStream {

        private final InputStream half;
        private final CountDownLatch released;

        HalfThenWait(byte[] body, CountDownLatch released) {
            this.half = new ByteArrayInputStream(body, 0, body.length / 2);
            this.released = released;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = half.read(buffer, offset, length);
            if (n > 0) {
                return n;
            }
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the upload was cut");
        }
    }
}
