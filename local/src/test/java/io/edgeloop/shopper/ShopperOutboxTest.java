package io.edgeloop.shopper;

import static io.edgeloop.shopper.ShopperCalls.JSON;
import static io.edgeloop.shopper.ShopperCalls.event;
import static io.edgeloop.shopper.ShopperCalls.json;
import static io.edgeloop.shopper.ShopperCalls.ship;
import static io.edgeloop.shopper.ShopperCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.MqttTestClient;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shopper's outbox: a shipment central does not take (feeder stopped, or answering 5xx) is kept in the edge's S3,
 * retried with backoff, and arrives exactly once when the feeder is back, also across a restart of the shopper.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class ShopperOutboxTest {

    private static final String TRIGGER = "trigger";
    private static final String SHIPMENT_ID = "\\d{8}T\\d{6}Z-[0-9a-f]{8}";
    private static final AtomicInteger EDGES = new AtomicInteger();

    private static TestPlatform platform;

    @BeforeAll
    static void start(TestPlatform testPlatform) {
        platform = testPlatform;
    }

    /** An edge of its own per test: its data and outbox buckets, its central bucket, the port its feeder serves on. */
    private record Edge(String id, String dataBucket, String outboxBucket, int feederPort) {

        Map<String, String> shopperSettings() {
            return Map.of("edge.id", id, "shopper.data-bucket", dataBucket, "shopper.outbox-bucket", outboxBucket,
                    "shopper.feeder-url", "http://localhost:" + feederPort,
                    // Retries within seconds: after 1 s, then 2 s apart.
                    "shopper.outbox-poll", "200", "shopper.outbox-backoff", "1000",
                    "shopper.outbox-backoff-multiplier", "2", "shopper.outbox-backoff-max", "2000");
        }

        String centralBucket() {
            return id + "-data";
        }
    }

    private static Edge newEdge(boolean registeredAtCentral) {
        int n = EDGES.incrementAndGet();
        Edge edge = new Edge("edge-outbox-t" + n, "outbox-t" + n + "-data", "outbox-t" + n + "-outbox", FreePorts.next());
        platform.edgeS3().createBucket(edge.dataBucket());
        platform.edgeS3().createBucket(edge.outboxBucket());
        if (registeredAtCentral) {
            platform.centralS3().createBucket(edge.centralBucket());
        }
        return edge;
    }

    private static RunningIntegration shopper(Edge edge) throws Exception {
        return shopper(edge.shopperSettings());
    }

    private static RunningIntegration shopper(Map<String, String> settings) throws Exception {
        return platform.startIntegration(Site.EDGE, "shopper", settings);
    }

    /** The central feeder, where the edge's shopper expects it. */
    private static RunningIntegration feeder(Edge edge, Map<String, String> settings) throws Exception {
        return platform.startIntegrationOn(edge.feederPort(), Site.CENTRAL, "feeder", settings);
    }

    private static Map<String, byte[]> putPhotos(Edge edge, int count, int seed) {
        return ShopperCalls.putPhotos(platform.edgeS3(), edge.dataBucket(), count, seed);
    }

    /** Ships and expects the 202 of a shipment kept in the outbox: its record. */
    private static JsonNode queued(RunningIntegration shopper) throws Exception {
        JsonNode shipment = json(ship(shopper), 202);
        assertThat(shipment.get("status").asText()).isEqualTo("queued");
        assertThat(shipment.get("shipmentId").asText()).matches(SHIPMENT_ID);
        assertThat(shipment.has("error")).as("a queued shipment is no error").isFalse();
        return shipment;
    }

    private static JsonNode outboxStatus(RunningIntegration shopper) throws Exception {
        return status(shopper).get("outbox");
    }

    private static JsonNode outboxRecord(Edge edge, String shipmentId) throws Exception {
        assertThat(platform.edgeS3().keys(edge.outboxBucket(), "")).containsExactly(shipmentId + ".json");
        return JSON.readTree(platform.edgeS3().get(edge.outboxBucket(), shipmentId + ".json"));
    }

    /** The outbox delivered the shipment (a zipdelivered event), and it arrived once. */
    private static JsonNode assertDelivered(MqttTestClient monitor, Edge edge, Map<String, byte[]> photos, String shipmentId)
            throws Exception {
        JsonNode delivered = event(monitor, "zipdelivered");
        assertThat(delivered.get("shipmentId").asText()).isEqualTo(shipmentId);
        assertThat(delivered.get("batchId").asText()).isEqualTo(shipmentId);
        assertThat(delivered.get("stored").asInt()).isEqualTo(photos.size());
        assertArrivedOnce(edge, photos, shipmentId);
        return delivered;
    }

    /** Central holds every photo unchanged, the batch's manifest, and exactly one trigger for the edge: this batch's. */
    private static void assertArrivedOnce(Edge edge, Map<String, byte[]> photos, String shipmentId) {
        assertThat(platform.centralS3().keys(edge.centralBucket(), "images/"))
                .containsExactlyInAnyOrderElementsOf(photos.keySet());
        photos.forEach((key, photo) -> assertThat(platform.centralS3().get(edge.centralBucket(), key)).as(key).isEqualTo(photo));
        assertThat(platform.centralS3().keys(edge.centralBucket(), "batches/")).containsExactly("batches/" + shipmentId + ".json");
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge.id() + "\""))
                .singleElement().asString().contains("\"batchId\":\"" + shipmentId + "\"", "\"images\":" + photos.size());
        assertThat(platform.edgeS3().keys(edge.outboxBucket(), "")).as("the outbox once delivered").isEmpty();
        assertThat(platform.edgeS3().keys(edge.dataBucket(), "")).as("shipped photos stay at the edge")
                .containsExactlyInAnyOrderElementsOf(photos.keySet());
    }

    @Test
    void aShipmentCentralCannotTakeWaitsInTheOutboxAndArrivesOnceWhenTheFeederIsBack() throws Exception {
        Edge edge = newEdge(true);
        Map<String, byte[]> photos = putPhotos(edge, 6, 1);

        try (RunningIntegration shopper = shopper(edge);
                MqttTestClient monitor = platform.mqttOverTcp().subscribe("monitor")) {
            JsonNode shipment = queued(shopper);
            String shipmentId = shipment.get("shipmentId").asText();

            assertThat(shipment.get("attempts").asInt()).isEqualTo(1);
            assertThat(shipment.get("lastError").asText()).startsWith("central feeder unreachable: ");
            assertThat(shipment.get("nextAttempt").asText()).isGreaterThanOrEqualTo(shipment.get("lastAttempt").asText());
            JsonNode kept = outboxRecord(edge, shipmentId);
            assertThat(kept.get("edgeId").asText()).isEqualTo(edge.id());
            assertThat(kept.get("queued").asText()).isEqualTo(shipment.get("queued").asText());
            assertThat(event(monitor, "zipsend").get("error").asText()).startsWith("central feeder unreachable: ");
            assertThat(event(monitor, "zipqueued").get("shipmentId").asText()).isEqualTo(shipmentId);
            JsonNode status = outboxStatus(shopper);
            assertThat(status.get("pending").asInt()).isEqualTo(1);
            assertThat(status.get("oldest").asText()).isEqualTo(shipment.get("queued").asText());
            assertThat(status.get("lastError").asText()).startsWith("central feeder unreachable: ");
            assertThat(status.get("nextAttempt").isNull()).isFalse();

            // Still down: tried again after the backoff, and kept.
            JsonNode retry = event(monitor, "zipretry");
            assertThat(retry.get("shipmentId").asText()).isEqualTo(shipmentId);
            assertThat(retry.get("attempts").asInt()).isEqualTo(2);
            assertThat(outboxRecord(edge, shipmentId).get("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(platform.centralS3().keys(edge.centralBucket(), "")).isEmpty();

            try (RunningIntegration feeder = feeder(edge, Map.of())) {
                assertThat(assertDelivered(monitor, edge, photos, shipmentId).get("attempts").asInt()).isGreaterThanOrEqualTo(3);
                assertThat(outboxStatus(shopper).get("pending").asInt()).isZero();
                Thread.sleep(1_500); // a few more rounds of the outbox: nothing is sent again
                assertArrivedOnce(edge, photos, shipmentId);
            }
        }
    }

    @Test
    void aShipmentPendingWhenTheShopperStopsIsDeliveredByTheNextStart() throws Exception {
        Edge edge = newEdge(true);
        Map<String, byte[]> photos = putPhotos(edge, 4, 2);
        String shipmentId;
        try (RunningIntegration shopper = shopper(edge)) {
            shipmentId = queued(shopper).get("shipmentId").asText();
        }
        assertThat(outboxRecord(edge, shipmentId).get("shipmentId").asText()).isEqualTo(shipmentId);

        try (RunningIntegration feeder = feeder(edge, Map.of());
                MqttTestClient monitor = platform.mqttOverTcp().subscribe("monitor");
                RunningIntegration shopper = shopper(edge)) {
            assertDelivered(monitor, edge, photos, shipmentId);
        }
    }

    @Test
    void aFeederAnswering5xxIsTriedAgainUntilItStoresTheBatch() throws Exception {
        Edge edge = newEdge(true);
        Map<String, byte[]> photos = putPhotos(edge, 3, 3);
        // Central's S3 down: the real feeder answers 503.
        Map<String, String> centralS3Down = Map.of("s3.endpoint", "http://localhost:" + FreePorts.next());

        try (RunningIntegration shopper = shopper(edge);
                MqttTestClient monitor = platform.mqttOverTcp().subscribe("monitor")) {
            String shipmentId;
            try (RunningIntegration failing = feeder(edge, centralS3Down)) {
                JsonNode shipment = queued(shopper);
                shipmentId = shipment.get("shipmentId").asText();

                assertThat(shipment.get("lastError").asText()).startsWith("the upload could not be stored, retry later: ");
                assertThat(event(monitor, "zipretry").get("lastError").asText()).startsWith("the upload could not be stored");
            }
            try (RunningIntegration feeder = feeder(edge, Map.of())) {
                assertDelivered(monitor, edge, photos, shipmentId);
            }
        }
    }

    @Test
    void anAnswerLostOnTheWayBackIsAskedForAgainAndTriggersNothingMore() throws Exception {
        Edge edge = newEdge(true);
        Map<String, byte[]> photos = putPhotos(edge, 3, 7);

        try (RunningIntegration feeder = feeder(edge, Map.of());
                AnswerLosingRelay relay = new AnswerLosingRelay(edge.feederPort());
                MqttTestClient monitor = platform.mqttOverTcp().subscribe("monitor")) {
            Map<String, String> viaRelay = new HashMap<>(edge.shopperSettings());
            viaRelay.put("shopper.feeder-url", relay.url());
            try (RunningIntegration shopper = shopper(viaRelay)) {
                String shipmentId = queued(shopper).get("shipmentId").asText();
                // Central stored and triggered the batch; only its answer did not come back.
                assertThat(platform.kafka().readContaining(TRIGGER, shipmentId)).hasSize(1);

                assertDelivered(monitor, edge, photos, shipmentId);
            }
        }
    }

    @Test
    void shippingWhileAShipmentIsPendingAnswersThatOneAndQueuesNoOther() throws Exception {
        Edge edge = newEdge(true);
        putPhotos(edge, 2, 4);

        try (RunningIntegration shopper = shopper(edge)) {
            String first = queued(shopper).get("shipmentId").asText();
            JsonNode again = queued(shopper);

            assertThat(again.get("shipmentId").asText()).isEqualTo(first);
            assertThat(platform.edgeS3().keys(edge.outboxBucket(), "")).containsExactly(first + ".json");
            assertThat(outboxStatus(shopper).get("pending").asInt()).isEqualTo(1);
        }
    }

    @Test
    void anAnswerThatIsNotTheFeedersJsonIsQueuedNotTakenForARefusal() throws Exception {
        Edge edge = newEdge(true);
        Map<String, byte[]> photos = putPhotos(edge, 2, 6);
        // What a feeder still starting, or a proxy before it, answers: 404 and a page of HTML.
        Map<String, String> wrongPath = new HashMap<>(edge.shopperSettings());
        wrongPath.put("shopper.feeder-url", "http://localhost:" + edge.feederPort() + "/not-the-feeder");

        try (RunningIntegration feeder = feeder(edge, Map.of());
                MqttTestClient monitor = platform.mqttOverTcp().subscribe("monitor")) {
            String shipmentId;
            try (RunningIntegration shopper = shopper(wrongPath)) {
                JsonNode shipment = queued(shopper);
                shipmentId = shipment.get("shipmentId").asText();

                assertThat(shipment.get("lastError").asText()).startsWith("central feeder answered 404: ");
                assertThat(event(monitor, "zipretry").get("shipmentId").asText()).isEqualTo(shipmentId);
            }
            try (RunningIntegration shopper = shopper(edge)) {
                assertDelivered(monitor, edge, photos, shipmentId);
            }
        }
    }

    @Test
    void aRefusalOfTheFeederIsRelayedAndNotQueued() throws Exception {
        Edge edge = newEdge(false);
        putPhotos(edge, 2, 5);

        try (RunningIntegration feeder = feeder(edge, Map.of());
                RunningIntegration shopper = shopper(edge);
                MqttTestClient monitor = platform.mqttOverTcp().subscribe("monitor")) {
            assertThat(json(ship(shopper), 404).get("error").asText()).contains("not registered");
            assertThat(event(monitor, "zipsend").get("error").asText()).contains("not registered");
            assertThat(platform.edgeS3().keys(edge.outboxBucket(), "")).isEmpty();
            assertThat(outboxStatus(shopper).get("pending").asInt()).isZero();
        }
    }

    /**
     * A TCP relay to the feeder that loses the answer to its first connection: it passes the request on and closes
     * both sides when the answer starts, like a link that drops on the way back. Later connections pass through.
     */
    private static final class AnswerLosingRelay implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final int feederPort;

        AnswerLosingRelay(int feederPort) throws IOException {
            this.feederPort = feederPort;
            daemon(this::accept);
        }

        String url() {
            return "http://localhost:" + server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket feeder = new Socket(InetAddress.getLoopbackAddress(), feederPort);
                    boolean loseAnswer = connections.getAndIncrement() == 0;
                    daemon(() -> pump(client, feeder, false));
                    daemon(() -> pump(feeder, client, loseAnswer));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private static void daemon(Runnable job) {
            Thread thread = new Thread(job, "answer-losing-relay");
            thread.setDaemon(true);
            thread.start();
        }

        private static void pump(Socket from, Socket to, boolean cutAtFirstByte) {
            try (from; to) {
                byte[] buffer = new byte[8192];
                for (int read = from.getInputStream().read(buffer); read != -1; read = from.getInputStream().read(buffer)) {
                    if (cutAtFirstByte) {
                        return;
                    }
                    to.getOutputStream().write(buffer, 0, read);
                }
            } catch (IOException e) {
                // one side closed: both are closed on the way out
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
