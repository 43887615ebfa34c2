package io.edgeloop.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.infra.S3Clients;
import io.edgeloop.local.infra.S3Credentials;
import io.edgeloop.trainer.model.LabelledImage;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What a detection through the shopper costs over asking the model server directly (bench/detect.sh starts
 * {@code edgeloop up}, then this): the same photos sent as {@code POST /detection} to the shopper and as TF Serving
 * predict requests to the model server, from 1 or more clients, warm-up first. The shopper reads the model status,
 * predicts with that version, looks the price up, stores the photo in S3 and publishes an MQTT event per detection:
 * each of these calls is measured alone too, and with the platform's process id the CPU time it spends per request.
 * Every answer is checked.
 */
@Command(name = "detect-bench", mixinStandardHelpOptions = true,
        description = "Measures shopper detection latency and throughput against the model server's own.")
public final class DetectBench implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IDLE_SECONDS = 5;
    private static final int PRIME_ROUND_SECONDS = 10;
    /** The shopper's routes of a detection (routes/edge/shopper/detection.camel.yaml, prediction.camel.yaml). */
    private static final List<String> DETECTION_ROUTES = List.of("detection-json", "photo-from-json", "detect", "predict",
            "model-version", "price", "catalogue-entry", "store-photo");

    @Option(names = "--shopper", defaultValue = "http://localhost:8080")
    String shopper;

    @Option(names = "--model-server", defaultValue = "http://localhost:8501")
    String modelServer;

    @Option(names = "--price-engine", defaultValue = "http://localhost:8090")
    String priceEngine;

    @Option(names = "--model", defaultValue = "tea_model_b64")
    String model;

    @Option(names = "--images", description = "images/<class>/* to send (default: synthetic photos).")
    Path images;

    @Option(names = "--edge-properties", paramLabel = "EDGE_PROPERTIES",
            description = "Also measure the shopper's S3 PUT and MQTT publish against this platform's edge.")
    Path edgeSettings;

    @Option(names = "--platform-pid",
            description = "The platform's JVM: its CPU time per request (less its idle use) is reported too.")
    Long platformPid;

    @Option(names = "--model-wait", defaultValue = "600", description = "Seconds to wait for a served version.")
    int modelWaitSeconds;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,4",
            description = "Clients sending at once (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrencies;

    @Option(names = "--prime-seconds", defaultValue = "30",
            description = "Load on each path before the first case, until the JIT has compiled the routes (default: ${DEFAULT-VALUE}).")
    int primeSeconds;

    @Option(names = "--max-prime-seconds", defaultValue = "600",
            description = "Most load, after the priming, while waiting for the JIT to settle (default: ${DEFAULT-VALUE}).")
    int maxPrimeSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "3", description = "Load before each case.")
    int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured time per case.")
    int seconds;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private double idleCpuMillisPerSecond;
    private final AtomicLong known = new AtomicLong();
    private final AtomicLong detections = new AtomicLong();

    public static void main(String[] args) {
        System.exit(new CommandLine(new DetectBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<LabelledImage> photos = new ArrayList<>(BenchPhotos.load(images));
        // Folders are read class by class: mixed, so that every run sends every class, known and unknown products.
        Collections.shuffle(photos, new Random(42));
        long version = awaitServedVersion();
        List<String> encoded = photos.stream().map(photo -> Base64.getEncoder().encodeToString(photo.bytes())).toList();
        List<String> predictBodies = encoded.stream().map(image -> RestPredict.predictBody(List.of(image))).toList();
        List<String> detectionBodies = encoded.stream().map(image -> "{\"image\": \"" + image + "\"}").toList();
        URI predict = URI.create(modelServer + "/v1/models/" + model + ":predict");
        URI detection = URI.create(shopper + "/detection");
        LoadRun.Request predicting = n -> RestPredict.checkPredictions(
                send(RestPredict.postJson(predict, predictBodies.get(photo(n, photos)))), 1);
        LoadRun.Request detecting =
                n -> checkDetection(send(RestPredict.postJson(detection, detectionBodies.get(photo(n, photos)))));
        // Cold, a detection costs the platform 2-3 times the CPU time it costs once the JIT has compiled its routes.
        int mostClients = concurrencies.stream().max(Integer::compare).orElse(1);
        LoadRun.run(mostClients, primeSeconds, predicting);
        LoadRun.run(mostClients, primeSeconds, detecting);
        primeUntilCompiled(mostClients, predicting, detecting);
        // Idle after the priming: the JIT compiling meanwhile is not the platform's idle use.
        if (platformPid != null) {
            measureIdleCpu();
        }
        System.out.printf(Locale.ROOT, "detect: %s, model version %d, %d cores, %d s per case after %d s warm-up (%d s "
                        + "on each path first); platform idle CPU %.0f ms/s (taken off its CPU per request)%n",
                BenchPhotos.describe(images, photos), version, Runtime.getRuntime().availableProcessors(), seconds,
                warmupSeconds, primeSeconds, idleCpuMillisPerSecond);
        System.out.println("| request | clients | requests/s | p50 ms | p99 ms | platform CPU ms/request | requests |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int clients : concurrencies) {
            LoadRun.Latencies direct = measure("model server: predict", clients, predicting);
            RouteTimes before = RouteTimes.scrape(http, shopper);
            LoadRun.Latencies detect = measure("shopper: detection", clients, detecting);
            printRouteTimes(before, RouteTimes.scrape(http, shopper));
            System.out.printf(Locale.ROOT, "shopper overhead, %d clients: p50 %+.1f ms, p99 %+.1f ms, throughput %.2f x direct%n",
                    clients, detect.p50Millis() - direct.p50Millis(), detect.p99Millis() - direct.p99Millis(),
                    detect.perSecond() / direct.perSecond());
        }
        measure("its calls: model status", 1, n -> checkOk(send(statusRequest())));
        HttpRequest price = HttpRequest.newBuilder(URI.create(priceEngine + "/price?item=tea-green")).build();
        measure("its calls: price lookup", 1, n -> checkOk(send(price)));
        if (edgeSettings != null) {
            Properties edge = new Properties();
            try (Reader in = Files.newBufferedReader(edgeSettings)) {
                edge.load(in);
            }
            measureStoreAndEvent(photos, edge);
        }
        System.out.printf(Locale.ROOT, "%d of %d detections were known products%n", known.get(), detections.get());
        return 0;
    }

    /**
     * Both paths again, in rounds, until the platform's JIT compilers are (nearly) done: under 5% of a core in a
     * round. The fixed priming alone left them busy for minutes, which doubled the detection's p50 as measured.
     */
    private void primeUntilCompiled(int clients, LoadRun.Request predicting, LoadRun.Request detecting) throws Exception {
        if (platformPid == null) {
            return;
        }
        long start = System.nanoTime();
        double share;
        do {
            long before = JitActivity.compilerCpuNanos(platformPid);
            long roundStart = System.nanoTime();
            LoadRun.run(clients, PRIME_ROUND_SECONDS, detecting);
            LoadRun.run(clients, PRIME_ROUND_SECONDS, predicting);
            share = (double) (JitActivity.compilerCpuNanos(platformPid) - before) / (System.nanoTime() - roundStart);
        } while (share >= 0.05 && System.nanoTime() - start < Duration.ofSeconds(maxPrimeSeconds).toNanos());
        System.out.printf(Locale.ROOT, "primed %d s more, until the JIT compilers used %.1f%% of a core in the last round%n",
                Duration.ofNanos(System.nanoTime() - start).toSeconds(), share * 100);
    }

    /** Where a detection's time goes: the mean time of each of the shopper's detection routes (warm-up included). */
    private static void printRouteTimes(RouteTimes before, RouteTimes after) {
        if (before == null || after == null) {
            return;
        }
        StringBuilder line = new StringBuilder("  shopper routes, mean ms per call:");
        for (String route : DETECTION_ROUTES) {
            String mean = after.meanMillisSince(before, route);
            if (mean != null) {
                line.append(' ').append(route).append(' ').append(mean);
            }
        }
        System.out.println(line);
    }

    /** The photo upload and the monitor event of a detection, as the shopper makes them, one after the other. */
    private void measureStoreAndEvent(List<LabelledImage> photos, Properties edge) throws Exception {
        // CentralS3 connects to the S3 server that the settings name: here the edge's.
        try (CentralS3 edgeS3 = CentralS3.connect(edge)) {
            measure("its calls: S3 PUT of the photo", 1, n -> edgeS3.client().putObject(put -> put
                    .bucket("unclassified").key("detect-bench/" + n + ".jpg").contentType("image/jpeg"),
                    RequestBody.fromBytes(photos.get(photo(n, photos)).bytes())));
        }
        measurePresignedPut(photos, edge);
        MqttClient mqtt = new MqttClient(edge.getProperty("mqtt.brokerUrl"), "detect-bench-" + UUID.randomUUID(),
                new MemoryPersistence());
        mqtt.connect();
        byte[] event = "{\"origin\":\"http\",\"valid\":true,\"item\":\"Green Tea\",\"price\":\"2.99\",\"name\":\"detection\"}"
                .getBytes(StandardCharsets.UTF_8);
        try {
            measure("its calls: MQTT event, QoS 1", 1, n -> mqtt.publish("detect-bench", event, 1, false));
        } finally {
            mqtt.disconnect();
            mqtt.close();
        }
    }

    /**
     * The same PUT without the SDK's request pipeline: signed into the URL (SigV4 presigning, per call) and sent by a
     * plain HTTP client, so what is left is the edge S3's own time (write, flush, rename).
     */
    private void measurePresignedPut(List<LabelledImage> photos, Properties edge) throws Exception {
        try (S3Presigner presigner = S3Clients.presigner(edge.getProperty("s3.endpoint"), new S3Credentials(
                edge.getProperty("s3.accessKey"), edge.getProperty("s3.secretKey")), edge.getProperty("s3.region", "us-east-1"))) {
            measure("its calls: S3 PUT of the photo, presigned, plain HTTP", 1, n -> {
                URI url = presigner.presignPutObject(presign -> presign.signatureDuration(Duration.ofMinutes(10))
                        .putObjectRequest(put -> put.bucket("unclassified").key("detect-bench/presigned-" + n + ".jpg")))
                        .url().toURI();
                checkOk(send(HttpRequest.newBuilder(url)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(photos.get(photo(n, photos)).bytes())).build()));
            });
        }
    }

    private static int photo(long n, List<LabelledImage> photos) {
        return (int) (n % photos.size());
    }

    private LoadRun.Latencies measure(String request, int clients, LoadRun.Request send) throws Exception {
        LoadRun.run(clients, warmupSeconds, send);
        Duration cpuBefore = platformCpu();
        LoadRun.Latencies latencies = LoadRun.run(clients, seconds, send);
        double cpuPerRequest = (platformCpu().minus(cpuBefore).toNanos() / 1e6 - idleCpuMillisPerSecond * seconds)
                / latencies.count();
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %s | %s | %d |%n", request, clients, latencies.perSecond(),
                latencies.percentileCells(), platformPid == null ? "" : String.format(Locale.ROOT, "%.2f", cpuPerRequest),
                latencies.count());
        return latencies;
    }

    /** The platform's CPU use without requests (its polls, brokers, ...), taken off the CPU time of a case. */
    private void measureIdleCpu() throws InterruptedException {
        Duration before = platformCpu();
        Thread.sleep(IDLE_SECONDS * 1000L);
        idleCpuMillisPerSecond = platformCpu().minus(before).toNanos() / 1e6 / IDLE_SECONDS;
    }

    /** CPU time the platform's JVM used so far (zero when unknown). */
    private Duration platformCpu() {
        return platformPid == null ? Duration.ZERO : ProcessHandle.of(platformPid)
                .flatMap(platform -> platform.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** TF Serving's model status request, the shopper's first call of a detection. */
    private HttpRequest statusRequest() {
        return HttpRequest.newBuilder(URI.create(modelServer + "/v1/models/" + model)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A detection answer: 200, every field, a price tag exactly when the product is known. */
    private void checkDetection(HttpResponse<String> response) throws IOException {
        JsonNode answer = response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.nullNode();
        boolean isKnown = answer.path("known").asBoolean();
        if (!answer.path("known").isBoolean() || !answer.path("item").isTextual()
                || !answer.path("probability").isNumber() || answer.path("modelVersion").asLong() < 1
                || !answer.path("products").isArray() || answer.path("pricetag").isTextual() != isKnown) {
            throw new IllegalStateException("Unexpected detection " + response.statusCode() + ": " + response.body());
        }
        detections.incrementAndGet();
        if (isKnown) {
            known.incrementAndGet();
        }
    }

    private static void checkOk(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Unexpected answer " + response.statusCode() + ": " + response.body());
        }
    }

    /** The highest AVAILABLE version the model server reports, once it reports one. */
    private long awaitServedVersion() throws Exception {
        long deadline = System.nanoTime() + modelWaitSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(statusRequest());
            if (response.statusCode() == 200) {
                for (JsonNode version : JSON.readTree(response.body()).path("model_version_status")) {
                    if (version.path("state").asText().equals("AVAILABLE")) {
                        return version.path("version").asLong();
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the model server served no version of " + model + " within "
                + modelWaitSeconds + " s");
    }
}
