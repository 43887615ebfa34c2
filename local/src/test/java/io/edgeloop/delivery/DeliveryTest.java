package io.edgeloop.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Delivery in mode eventlistener, against a stand-in EventListener; every test uses edges of its own. */
@ExtendWith(EdgeLoopPlatformExtension.class)
class DeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long COOLDOWN_MS = 1000;
    private static final int RETRIES = 2;
    /** Long enough for a second, wrongly separate run to have started. */
    private static final Duration NOTHING_MORE_DURING = Duration.ofMillis(2 * COOLDOWN_MS + 500);

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TRIGGER_TOPIC = "trigger-" + RUN;
    private static final String DLQ_TOPIC = "trigger-dlq-" + RUN;
    private static final String GROUP = "delivery-" + RUN;

    private static TestPlatform platform;
    private static EventListenerStub eventListener;
    private static RunningIntegration delivery;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        eventListener = EventListenerStub.start();
        delivery = platform.startIntegration(Site.CENTRAL, "delivery", Map.of(
                "delivery.eventlistener-url", eventListener.url(),
                "delivery.trigger-topic", TRIGGER_TOPIC,
                "delivery.dlq-topic", DLQ_TOPIC,
                "delivery.consumer-group", GROUP,
                "delivery.cooldown", Long.toString(COOLDOWN_MS),
                "delivery.retries", Integer.toString(RETRIES),
                "delivery.retry-delay", "100"));
    }

    @AfterAll
    static void stop() throws Exception {
        delivery.close();
        eventListener.close();
    }

    @Test
    void aTriggerPostsEdgeAndBatchToTheEventListener() throws Exception {
        String edge = newEdge("single");

        trigger(edge, "20260101T100000Z-aaaa0001");

        await().atMost(Duration.ofSeconds(15)).until(() -> !eventListener.calls(edge).isEmpty());
        EventListenerStub.Call call = eventListener.calls(edge).get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.contentType()).startsWith("application/json");
        assertThat(call.body()).isEqualTo(JSON.readTree(
                "{\"id-edge\": \"" + edge + "\", \"batch-id\": \"20260101T100000Z-aaaa0001\"}"));
    }

    @Test
    void triggersOfOneEdgeWithinTheCooldownStartOneRun() throws Exception {
        String edge = newEdge("coalesced");

        trigger(edge, "20260101T100000Z-bbbb0001");
        trigger(edge, "20260101T100001Z-bbbb0002");

        await().atMost(Duration.ofSeconds(15)).until(() -> !eventListener.calls(edge).isEmpty());
        await().during(NOTHING_MORE_DURING).atMost(NOTHING_MORE_DURING.plusSeconds(5))
                .until(() -> eventListener.calls(edge).size() == 1);
        assertThat(eventListener.accepted(edge).get(0)).isEqualTo(JSON.readTree("{\"id-edge\": \"" + edge + "\","
                + " \"batch-id\": \"20260101T100001Z-bbbb0002\","
                + " \"batch-ids\": [\"20260101T100000Z-bbbb0001\", \"20260101T100001Z-bbbb0002\"]}"));
    }

    @Test
    void triggersOfTwoEdgesStartOneRunEach() throws Exception {
        String first = newEdge("first");
        String second = newEdge("second");

        trigger(first, "20260101T100000Z-cccc0001");
        trigger(second, "20260101T100000Z-cccc0002");

        await().atMost(Duration.ofSeconds(15)).until(() ->
                !eventListener.calls(first).isEmpty() && !eventListener.calls(second).isEmpty());
        await().during(NOTHING_MORE_DURING).atMost(NOTHING_MORE_DURING.plusSeconds(5)).until(() ->
                eventListener.calls(first).size() == 1 && eventListener.calls(second).size() == 1);
        assertThat(eventListener.accepted(first)).extracting(body -> body.get("batch-id").asText())
                .containsExactly("20260101T100000Z-cccc0001");
        assertThat(eventListener.accepted(second)).extracting(body -> body.get("batch-id").asText())
                .containsExactly("20260101T100000Z-cccc0002");
    }

    @Test
    void aTriggerAfterARunStartedLeadsToALaterRun() throws Exception {
        String edge = newEdge("later");

        trigger(edge, "20260101T100000Z-dddd0001");
        await().atMost(Duration.ofSeconds(15)).until(() -> eventListener.accepted(edge).size() == 1);
        trigger(edge, "20260101T100500Z-dddd0002");

        await().atMost(Duration.ofSeconds(15)).until(() -> eventListener.accepted(edge).size() == 2);
        assertThat(eventListener.accepted(edge)).extracting(body -> body.get("batch-id").asText())
                .containsExactly("20260101T100000Z-dddd0001", "20260101T100500Z-dddd0002");
    }

    @Test
    void aTriggerIsCommittedOnlyOnceItsRunStarted() throws Exception {
        String edge = newEdge("commit");
        eventListener.hold(edge);
        long triggerOffset = platform.kafka().endOffsets(TRIGGER_TOPIC);

        trigger(edge, "20260101T100000Z-abab0001");

        await().atMost(Duration.ofSeconds(15)).until(() -> eventListener.isWaiting(edge));
        assertThat(platform.kafka().committedOffsets(GROUP, TRIGGER_TOPIC)).isLessThanOrEqualTo(triggerOffset);
        eventListener.release(edge);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> platform.kafka().committedOffsets(GROUP, TRIGGER_TOPIC) > triggerOffset);
        assertThat(eventListener.accepted(edge)).hasSize(1);
    }

    @Test
    void anEventListenerFailingTwiceIsRetriedUntilTheRunStarts() throws Exception {
        String edge = newEdge("flaky");
        eventListener.failTimes(edge, 2);

        trigger(edge, "20260101T100000Z-eeee0001");

        await().atMost(Duration.ofSeconds(15)).until(() -> eventListener.accepted(edge).size() == 1);
        await().during(NOTHING_MORE_DURING).atMost(NOTHING_MORE_DURING.plusSeconds(5))
                .until(() -> eventListener.calls(edge).size() == 3);
        assertThat(eventListener.calls(edge)).extracting(EventListenerStub.Call::status).containsExactly(503, 503, 202);
        assertThat(deadLetters(edge)).isEmpty();
    }

    @Test
    void anEventListenerThatKeepsFailingSendsTheEventToTheDeadLetterTopic() throws Exception {
        String edge = newEdge("down");
        eventListener.failAlways(edge);
        String event = event(edge, "20260101T100000Z-ffff0001");

        platform.kafka().send(TRIGGER_TOPIC, edge, event);

        await().atMost(Duration.ofSeconds(20)).until(() -> !deadLetters(edge).isEmpty());
        JsonNode deadLetter = JSON.readTree(deadLetters(edge).get(0));
        assertThat(deadLetter.get("event")).isEqualTo(JSON.readTree(event));
        assertThat(deadLetter.get("error").asText()).contains("503");
        assertThat(deadLetter.get("attempts").asInt()).isEqualTo(RETRIES + 1);
        assertThat(eventListener.calls(edge)).hasSize(RETRIES + 1).noneMatch(EventListenerStub.Call::accepted);
    }

    @Test
    void malformedEventsGoToTheDeadLetterTopicWithoutACall() throws Exception {
        String edge = newEdge("malformed");
        String notJson = "not json from " + edge;
        String badEdgeId = "{\"edgeId\": \"Bad_Edge\", \"batchId\": \"" + edge + "\"}";
        String noBatchId = "{\"edgeId\": \"" + edge + "\"}";

        platform.kafka().send(TRIGGER_TOPIC, edge, notJson);
        platform.kafka().send(TRIGGER_TOPIC, edge, badEdgeId);
        platform.kafka().send(TRIGGER_TOPIC, edge, noBatchId);

        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters(edge).size() == 3);
        List<JsonNode> deadLetters = new ArrayList<>();
        for (String value : deadLetters(edge)) {
            deadLetters.add(JSON.readTree(value));
        }
        assertThat(deadLetters).extracting(letter -> letter.get("event"))
                .containsExactly(JSON.getNodeFactory().textNode(notJson), JSON.readTree(badEdgeId),
                        JSON.readTree(noBatchId));
        assertThat(deadLetters).extracting(letter -> letter.get("error").asText()).satisfiesExactly(
                error -> assertThat(error).startsWith("not a JSON object"),
                error -> assertThat(error).contains("edgeId", "Bad_Edge"),
                error -> assertThat(error).contains("batchId"));
        assertThat(deadLetters).extracting(letter -> letter.get("attempts").asInt()).containsOnly(0);
        await().during(NOTHING_MORE_DURING).atMost(NOTHING_MORE_DURING.plusSeconds(5))
                .until(() -> eventListener.calls(edge).isEmpty());
    }

    private static String newEdge(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String event(String edge, String batchId) {
        return "{\"edgeId\": \"" + edge + "\", \"batchId\": \"" + batchId + "\", \"images\": 3,"
                + " \"classes\": [\"tea-green\", \"tea-lemon\"]}";
    }

    private static void trigger(String edge, String batchId) throws Exception {
        platform.kafka().send(TRIGGER_TOPIC, edge, event(edge, batchId));
    }

    /** The dead-letter records so far that mention the edge. */
    private static List<String> deadLetters(String edge) {
        return platform.kafka().readContaining(DLQ_TOPIC, edge);
    }
}
