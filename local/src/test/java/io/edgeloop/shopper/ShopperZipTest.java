package io.edgeloop.shopper;

import static io.edgeloop.shopper.ShopperCalls.JSON;
import static io.edgeloop.shopper.ShopperCalls.event;
import static io.edgeloop.shopper.ShopperCalls.json;
import static io.edgeloop.shopper.ShopperCalls.ship;
import static io.edgeloop.shopper.ShopperCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.edgeloop.local.infra.S3Credentials;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.MqttTestClient;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.S3TestClient;
import io.edgeloop.local.testing.TestImages;
import io.edgeloop.local.testing.TestPlatform;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shopper's POST /zip (training data to the central feeder) and GET /admin/status, against the real feeder. */
@ExtendWith(EdgeLoopPlatformExtension.class)
class ShopperZipTest {

    private static final String TRIGGER = "trigger";
    private static final String SECURE_EDGE = "edge-zip-secure";
    private static final String SECURE_TOKEN = "zip-s3cr3t";
    private static final AtomicInteger EDGES = new AtomicInteger();

    private static TestPlatform platform;
    private static RunningIntegration feeder;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        feeder = platform.startIntegration(Site.CENTRAL, "feeder", Map.of("feeder.tokens", SECURE_EDGE + "=" + SECURE_TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        feeder.close();
    }

    /** An edge of its own per test: its data bucket on the edge S3 and its data bucket at central. */
    private record Edge(String id, String dataBucket) {

        Map<String, String> settings() {
            return Map.of("edge.id", id, "shopper.data-bucket", dataBucket);
        }

        String centralBucket() {
            return id + "-data";
        }
    }

    private static Edge newEdge() {
        int n = EDGES.incrementAndGet();
        return newEdge("edge-zip-t" + n, "zip-t" + n + "-data");
    }

    private static Edge newEdge(String id, String dataBucket) {
        platform.edgeS3().createBucket(dataBucket);
        if (!platform.centralS3().sdk().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(id + "-data"))) {
            platform.centralS3().createBucket(id + "-data");
        }
        return new Edge(id, dataBucket);
    }

    private static RunningIntegration shopper(Map<String, String> settings) throws Exception {
        return platform.startIntegration(Site.EDGE, "shopper", settings);
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put(key, value);
        return all;
    }

    private static Map<String, byte[]> putPhotos(Edge edge, int count, int seed) {
        return ShopperCalls.putPhotos(platform.edgeS3(), edge.dataBucket(), count, seed);
    }

    /** Ships and expects the feeder's batch summary as the answer. */
    private static JsonNode shipped(RunningIntegration shopper) throws Exception {
        return json(ship(shopper), 200);
    }

    /** Ships and expects an error answer with this status, announced by a zipsend event with the same error. */
    private static String shipmentError(RunningIntegration shopper, MqttTestClient monitor, int status) throws Exception {
        String error = json(ship(shopper), status).get("error").asText();
        assertThat(event(monitor, "zipsend").get("error").asText()).isEqualTo(error);
        return error;
    }

    private static void assertCentralHoldsExactly(Edge edge, Map<String, byte[]> photos) {
        assertThat(platform.centralS3().keys(edge.centralBucket(), "images/"))
                .containsExactlyInAnyOrderElementsOf(photos.keySet());
        photos.forEach((key, photo) -> assertThat(platform.centralS3().get(edge.centralBucket(), key)).as(key).isEqualTo(photo));
    }

    private static long totalBytes(Map<String, byte[]> photos) {
        return photos.values().stream().mapToLong(photo -> photo.length).sum();
    }

    @Test
    void everyPhotoReachesCentralUnchangedAndTheFeedersSummaryIsTheAnswer() throws Exception {
        Edge edge = newEdge();
        Map<String, byte[]> photos = putPhotos(edge, 5, 1);

        try (RunningIntegration shopper = shopper(edge.settings());
                MqttTestClient monitor = platform.mqttOverTcp().subscribe("monitor")) {
            JsonNode summary = shipped(shopper);

            String batchId = summary.get("batchId").asText();
            assertThat(summary.get("edgeId").asText()).isEqualTo(edge.id());
            assertThat(summary.get("stored").asInt()).isEqualTo(5);
            assertThat(summary.get("duplicates").asInt()).isZero();
            assertThat(summary.get("skipped")).isEmpty();
            assertThat(summary.get("bytes").asLong()).isEqualTo(totalBytes(photos));
            assertCentralHoldsExactly(edge, photos);
            assertThat(platform.edgeS3().keys(edge.dataBucket(), "")).as("shipped photos stay at the edge")
                    .containsExactlyInAnyOrderElementsOf(photos.keySet());
            assertThat(platform.kafka().readContaining(TRIGGER, batchId)).hasSize(1);

            JsonNode zipdata = event(monitor, "zipdata");
            assertThat(zipdata.get("origin").asText()).isEqualTo("http");
            assertThat(zipdata.get("files").asInt()).isEqualTo(5);
            assertThat(zipdata.get("bytes").asLong()).as("ZIP size").isGreaterThan(totalBytes(photos));
            JsonNode zipsend = event(monitor, "zipsend");
            assertThat(zipsend.get("batchId").asText()).isEqualTo(batchId);
            assertThat(zipsend.get("stored").asInt()).isEqualTo(5);
            assertThat(zipsend.get("duplicates").asInt()).isZero();
            assertThat(zipsend.has("error")).isFalse();
        }
    }

    @Test
    void shippingAgainStoresNothingNewAndTriggersNoTraining() throws Exception {
        Edge edge = newEdge();
        Map<String, byte[]> photos = putPhotos(edge, 3, 2);

        try (RunningIntegration shopper = shopper(edge.settings())) {
            shipped(shopper);
            JsonNode summary = shipped(shopper);

            assertThat(summary.get("stored").asInt()).isZero();
            assertThat(summary.get("duplicates").asInt()).isEqualTo(3);
            assertThat(platform.kafka().readContaining(TRIGGER, summary.get("batchId").asText())).isEmpty();
            assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge.id() + "\"")).hasSize(1);
            assertCentralHoldsExactly(edge, photos);
            assertThat(platform.edgeS3().keys(edge.dataBucket(), "")).hasSize(3);
        }
    }

    @Test
    void moreThanOnePageOfObjectsIsShippedCompletely() throws Exception {
        Edge edge = newEdge();
        // S3 lists at most 1000 objects per page: two pages here.
        Map<String, byte[]> photos = putPhotos(edge, 1_100, 3);

        try (RunningIntegration shopper = shopper(edge.settings());
                MqttTestClient monitor = platform.mqttOverTcp().subscribe("monitor")) {
            JsonNode summary = shipped(shopper);

            assertThat(summary.get("stored").asInt()).isEqualTo(1_100);
            assertThat(summary.get("bytes").asLong()).isEqualTo(totalBytes(photos));
            assertCentralHoldsExactly(edge, photos);
            assertThat(platform.kafka().readContaining(TRIGGER, summary.get("batchId").asText())).hasSize(1);
            assertThat(event(monitor, "zipdata").get("files").asInt()).isEqualTo(1_100);
        }
    }

    @Test
    void emptyDataBucketAnswers409AndSendsNothing() throws Exception {
        Edge edge = newEdge();

        try (RunningIntegration shopper = shopper(edge.settings())) {
            HttpResponse<String> response = ship(shopper);

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(response.body()).get("error").asText())
                    .isEqualTo("no training data in bucket " + edge.dataBucket());
            assertThat(platform.centralS3().keys(edge.centralBucket(), "")).isEmpty();
            assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge.id() + "\"")).isEmpty();
        }
    }

    @Test
    void dataBucketThatCannotBeListedAnswers503() throws Exception {
        try (RunningIntegration shopper = shopper(Map.of("shopper.data-bucket", "no-such-bucket"))) {
            HttpResponse<String> response = ship(shopper);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("error").asText()).startsWith("bucket no-such-bucket cannot be read: ");
        }
    }

    @Test
    void theZipReachesTheFeederWhileThePhotosAreStillBeingRead() throws Exception {
        Edge edge = new Edge("edge-zip-t" + EDGES.incrementAndGet(), "data");
        try (InstrumentedS3 s3 = new InstrumentedS3(platform, key -> Thread.sleep(25));
                RecordingFeeder recorder = new RecordingFeeder()) {
            Map<String, byte[]> photos = new TreeMap<>();
            for (int i = 0; i < 40; i++) {
                photos.put(String.format("images/tea-green/%02d.jpg", i), TestImages.jpeg(800 + i));
            }
            photos.forEach((key, photo) -> s3.client().put("data", key, photo));

            try (RunningIntegration shopper = shopper(with(with(edge.settings(), "s3.endpoint", s3.endpoint()),
                    "shopper.feeder-url", recorder.url()))) {
                assertThat(shipped(shopper).get("batchId").asText()).isEqualTo("recorded");
            }
            // Streamed, not gathered first: the feeder had the start of the ZIP before the last photo was read.
            assertThat(recorder.firstByteNanos()).isLessThan(s3.lastReadNanos());
            Map<String, byte[]> entries = new TreeMap<>();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(recorder.received()))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    entries.put(entry.getName(), zip.readAllBytes());
                }
            }
            assertThat(entries).containsOnlyKeys(photos.keySet());
            photos.forEach((key, photo) -> assertThat(entries.get(key)).as(key).isEqualTo(photo));
        }
    }

    @Test
    void edgeS3FailingMidShipmentAnswers503AndTheFeederTakesNothingForABatch() throws Exception {
        Edge edge = new Edge("edge-zip-t" + EDGES.incrementAndGet(), "data");
        platform.centralS3().createBucket(edge.centralBucket());
        try (InstrumentedS3 s3 = new InstrumentedS3(platform, key -> {
            if (key.contains("broken")) {
                throw new IllegalStateException("disk failure reading " + key);
            }
        })) {
            // Listed in key order: two photos go into the ZIP before the broken one cannot be read.
            List<String> keys = List.of("images/tea-green/a.jpg", "images/tea-green/b.jpg", "images/tea-lemon/broken.jpg",
                    "images/tea-lemon/c.jpg");
            for (int i = 0; i < keys.size(); i++) {
                s3.client().put("data", keys.get(i), TestImages.jpeg(700 + i));
            }

            try (RunningIntegration shopper = shopper(with(edge.settings(), "s3.endpoint", s3.endpoint()));
                    MqttTestClient monitor = platform.mqttOverTcp().subscribe("monitor")) {
                assertThat(shipmentError(shopper, monitor, 503)).startsWith("bucket data cannot be read: ");
            }
            // The feeder took the upload for broken off: no batch, no training.
            assertThat(platform.centralS3().keys(edge.centralBucket(), "batches/")).isEmpty();
            assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge.id() + "\"")).isEmpty();
            assertThat(s3.client().keys("data", "")).containsExactlyElementsOf(keys);
        }
    }

    @Test
    void theEdgesTokenIsSentWhenSetAndTheFeedersRefusalIsRelayedWithoutIt() throws Exception {
        Edge edge = newEdge(SECURE_EDGE, "zip-secure-data");
        Map<String, byte[]> photos = putPhotos(edge, 2, 5);

        try (RunningIntegration shopper = shopper(edge.settings());
                MqttTestClient monitor = platform.mqttOverTcp().subscribe("monitor")) {
            assertThat(shipmentError(shopper, monitor, 401)).contains("Authorization: Bearer");
            assertThat(platform.centralS3().keys(edge.centralBucket(), "")).isEmpty();
        }
        try (RunningIntegration shopper = shopper(with(edge.settings(), "shopper.feeder-token", SECURE_TOKEN))) {
            assertThat(shipped(shopper).get("stored").asInt()).isEqualTo(2);
            assertCentralHoldsExactly(edge, photos);
        }
    }

    @Test
    void concurrentShipmentsEachArriveWhole() throws Exception {
        Edge edge = newEdge();
        Map<String, byte[]> photos = putPhotos(edge, 60, 6);

        try (RunningIntegration shopper = shopper(edge.settings())) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<JsonNode>> shipments = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    shipments.add(pool.submit((Callable<JsonNode>) () -> shipped(shopper)));
                }
                for (Future<JsonNode> shipment : shipments) {
                    JsonNode summary = shipment.get();
                    assertThat(summary.get("stored").asInt() + summary.get("duplicates").asInt()).isEqualTo(60);
                    assertThat(summary.get("skipped")).isEmpty();
                }
            } finally {
                pool.shutdownNow();
            }
            assertCentralHoldsExactly(edge, photos);
        }
    }

    @Test
    void adminStatusCountsEveryBucketOverAllPagesAndNamesNoVersionWithoutAModelServer() throws Exception {
        int n = EDGES.incrementAndGet();
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("status-t" + n + "-data", 1_003);
        counts.put("status-t" + n + "-valid", 3);
        counts.put("status-t" + n + "-unclassified", 1);
        counts.put("status-t" + n + "-production", 2);
        counts.forEach((bucket, count) -> {
            platform.edgeS3().createBucket(bucket);
            for (int i = 0; i < count; i++) {
                platform.edgeS3().put(bucket, "images/tea-green/" + i + ".jpg", new byte[] {(byte) i});
            }
        });
        List<String> buckets = List.copyOf(counts.keySet());
        Map<String, String> settings = Map.of("edge.id", "edge-status-t" + n,
                "shopper.data-bucket", buckets.get(0), "shopper.valid-bucket", buckets.get(1),
                "shopper.unclassified-bucket", buckets.get(2), "shopper.production-bucket", buckets.get(3),
                "shopper.model-server-url", "http://localhost:" + FreePorts.next());

        try (RunningIntegration shopper = shopper(settings)) {
            JsonNode status = status(shopper);

            assertThat(status.get("edgeId").asText()).isEqualTo("edge-status-t" + n);
            assertThat(status.get("modelVersion").isNull()).as(status.toString()).isTrue();
            assertThat(status.get("buckets").fieldNames()).toIterable().containsExactlyElementsOf(buckets);
            counts.forEach((bucket, count) -> assertThat(status.get("buckets").get(bucket).asInt()).as(bucket).isEqualTo(count));
        }
    }

    @Test
    void adminStatusNamesTheHighestAvailableVersionAndNullForAnUnknownModelOrBucket() throws Exception {
        String versions = """
                {"model_version_status": [
                  {"version": "1", "state": "AVAILABLE", "status": {"error_code": "OK", "error_message": ""}},
                  {"version": "3", "state": "AVAILABLE", "status": {"error_code": "OK", "error_message": ""}},
                  {"version": "4", "state": "LOADING", "status": {"error_code": "OK", "error_message": ""}}]}
                """;
        HttpServer modelServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        modelServer.createContext("/v1/models/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().equals("/v1/models/tea_model_b64");
            byte[] body = (known ? versions : "{\"error\": \"Servable not found\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        modelServer.start();
        try {
            Edge edge = newEdge();
            Map<String, String> settings = with(with(edge.settings(), "shopper.model-server-url",
                    "http://localhost:" + modelServer.getAddress().getPort()), "shopper.production-bucket", "no-such-bucket");

            try (RunningIntegration shopper = shopper(settings)) {
                assertThat(status(shopper).get("modelVersion").asLong()).isEqualTo(3);
            }
            try (RunningIntegration shopper = shopper(with(settings, "shopper.model-name", "unknown_model"))) {
                JsonNode status = status(shopper);

                assertThat(status.get("modelVersion").isNull()).isTrue();
                assertThat(status.get("buckets").get("no-such-bucket").isNull()).isTrue();
                assertThat(status.get("buckets").get(edge.dataBucket()).asInt()).isZero();
            }
        } finally {
            modelServer.stop(0);
        }
    }

    /** What an instrumented edge S3 does before it serves an object: fail, take its time... */
    @FunctionalInterface
    private interface BeforeRead {
        void accept(String key) throws Exception;
    }

    /**
     * An edge S3 of its own (S3Proxy over an in-memory store, bucket {@code data}) that runs a hook before it serves
     * an object and notes when it last served one.
     */
    private static final class InstrumentedS3 implements AutoCloseable {

        private final BlobStoreContext context;
        private final S3Proxy proxy;
        private final String endpoint;
        private final S3TestClient client;
        private volatile long lastReadNanos;

        private InstrumentedS3(TestPlatform platform, BeforeRead beforeRead) throws Exception {
            S3Credentials credentials = platform.config().s3Credentials();
            context = ContextBuilder.newBuilder("transient")
                    .credentials(credentials.accessKey(), credentials.secretKey()).build(BlobStoreContext.class);
            BlobStore store = context.getBlobStore();
            store.createContainerInLocation(null, "data");
            BlobStore instrumented = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
                    new Class<?>[] {BlobStore.class}, (self, method, args) -> {
                        if (method.getName().equals("getBlob")) {
                            beforeRead.accept(args[1].toString());
                            lastReadNanos = System.nanoTime();
                        }
                        try {
                            return method.invoke(store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            int port = FreePorts.next();
            proxy = S3Proxy.builder().blobStore(instrumented).endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKey(), credentials.secretKey())
                    .build();
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
            endpoint = "http://localhost:" + port;
            client = new S3TestClient(endpoint, credentials);
        }

        String endpoint() {
            return endpoint;
        }

        S3TestClient client() {
            return client;
        }

        long lastReadNanos() {
            return lastReadNanos;
        }

        @Override
        public void close() throws Exception {
            client.close();
            proxy.stop();
            context.close();
        }
    }

    /** A feeder that keeps what it receives and notes when the first byte of it came; answers an empty summary. */
    private static final class RecordingFeeder implements AutoCloseable {

        private final HttpServer server;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private volatile long firstByteNanos;

        RecordingFeeder() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/zip", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    int first = body.read();
                    firstByteNanos = System.nanoTime();
                    received.write(first);
                    body.transferTo(received);
                }
                byte[] answer = "{\"batchId\":\"recorded\",\"stored\":0,\"duplicates\":0}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort();
        }

        long firstByteNanos() {
            return firstByteNanos;
        }

        byte[] received() {
            return received.toByteArray();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
