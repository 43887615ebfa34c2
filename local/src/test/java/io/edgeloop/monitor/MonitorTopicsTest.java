package io.edgeloop.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The monitor stage keeps this edge's messages of the central topics trigger, trigger-dlq and &lt;edge&gt; in the edge
 * bucket topics; the shopper lists them (GET /topics) and sends a dead letter's event again to trigger (POST
 * /topics/replay). Real Kafka, S3 and HTTP.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class MonitorTopicsTest {

    private static final Duration KEPT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestPlatform platform;
    private static RunningIntegration monitor;
    private static RunningIntegration shopper;
    private static String edge;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        edge = platform.config().edgeId();
        monitor = platform.startIntegration(Site.EDGE, "monitor");
        shopper = platform.startIntegration(Site.EDGE, "shopper");
    }

    @AfterAll
    static void stop() throws Exception {
        for (RunningIntegration integration : new RunningIntegration[] {shopper, monitor}) {
            if (integration != null) {
                integration.close();
            }
        }
    }

    @Test
    void thisEdgesMessagesOfEachTopicAreListedNewestFirstAndOtherEdgesTriggersAreNot() throws Exception {
        String marker = UUID.randomUUID().toString();
        platform.kafka().send("trigger", edge, trigger(edge, marker + "-1"));
        platform.kafka().send("trigger", "other-shop", trigger("other-shop", marker + "-other"));
        platform.kafka().send("trigger", edge, trigger(edge, marker + "-2"));
        platform.kafka().send(edge, edge, "{\"name\":\"pipeline\",\"edgeId\":\"" + edge + "\",\"batchId\":\"" + marker + "\"}");

        List<String> batches = awaitBatches("trigger", marker, 2);
        assertThat(batches).as("newest first, this edge's only").containsExactly(marker + "-2", marker + "-1");
        JsonNode message = messages("trigger", 1000).get(0);
        assertThat(message.get("id").asText()).startsWith("trigger/");
        assertThat(message.get("topic").asText()).isEqualTo("trigger");
        assertThat(message.get("offset").isNumber()).isTrue();
        assertThat(awaitBatches(edge, marker, 1)).containsExactly(marker);
    }

    @Test
    void aReplayedDeadLetterArrivesOnTheTriggerTopicAndIsNoLongerListed() throws Exception {
        String batch = UUID.randomUUID().toString();
        platform.kafka().send("trigger-dlq", null, "{\"event\":" + trigger(edge, batch)
                + ",\"error\":\"EventListener unreachable\",\"attempts\":4}");
        awaitBatches("trigger-dlq", batch, 1);
        JsonNode deadLetter = messages("trigger-dlq", 1000).get(0);
        String id = deadLetter.get("id").asText();

        JsonNode answer = json(post("/topics/replay", "{\"id\":\"" + id + "\"}"), 200);

        assertThat(answer.get("replayed").asText()).isEqualTo(id);
        assertThat(answer.get("event").get("batchId").asText()).isEqualTo(batch);
        List<String> sent = platform.kafka().readContaining("trigger", batch);
        assertThat(sent).hasSize(1);
        assertThat(JSON.readTree(sent.get(0))).isEqualTo(JSON.readTree(trigger(edge, batch)));
        assertThat(messages("trigger-dlq", 1000)).noneMatch(message -> message.get("id").asText().equals(id));
        assertThat(platform.edgeS3().keys("topics", id)).isEmpty();
        JsonNode again = json(post("/topics/replay", "{\"id\":\"" + id + "\"}"), 404);
        assertThat(again.get("error").asText()).contains(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"trigger/8203455951493-0-1\"}", "{\"id\":\"trigger-dlq/../events\"}", "{}",
            "{\"id\": 7}"})
    void aReplayOfAnythingButADeadLetterIdIs400(String body) throws Exception {
        assertThat(json(post("/topics/replay", body), 400).get("error").asText()).contains("trigger-dlq");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/topics", "/topics?topic=events", "/topics?topic=other-shop", "/topics?topic=trigger&limit=0"})
    void anotherTopicOrLimitIs400(String path) throws Exception {
        assertThat(json(get(path), 400).get("error").asText()).isNotBlank();
    }

    private static String trigger(String edgeId, String batchId) {
        return "{\"edgeId\":\"" + edgeId + "\",\"batchId\":\"" + batchId + "\",\"images\":3,\"classes\":[\"tea-green\"]}";
    }

    /** The batch ids (of the message or of its dead letter's event) of the listed messages containing the marker. */
    private static List<String> awaitBatches(String topic, String marker, int count) {
        List<String> batches = new ArrayList<>();
        Awaitility.await().atMost(KEPT).untilAsserted(() -> {
            batches.clear();
            for (JsonNode message : messages(topic, 1000)) {
                JsonNode body = message.get("message");
                String batch = body.has("event") ? body.get("event").get("batchId").asText() : body.path("batchId").asText();
                if (batch.startsWith(marker)) {
                    batches.add(batch);
                }
            }
            assertThat(batches).hasSize(count);
        });
        return batches;
    }

    private static JsonNode messages(String topic, int limit) throws Exception {
        JsonNode answer = json(get("/topics?topic=" + topic + "&limit=" + limit), 200);
        assertThat(answer.get("topic").asText()).isEqualTo(topic);
        return answer.get("messages");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(shopper.url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(shopper.url(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }
}
