package io.edgeloop.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.MqttTestClient;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The monitor stage keeps every event of MQTT monitor in the edge bucket events and the shopper lists them (GET
 * /events): real MQTT broker, edge S3 and HTTP.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class MonitorHistoryTest {

    private static final String BUCKET = "events";
    private static final Duration KEPT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestPlatform platform;

    @BeforeEach
    void emptyHistory(TestPlatform testPlatform) {
        platform = testPlatform;
        platform.edgeS3().deleteAll(BUCKET);
    }

    @Test
    void everyEventIsKeptAndListedNewestFirstUnderTheIdItWasPublishedWith() throws Exception {
        try (RunningIntegration monitor = platform.startIntegration(Site.EDGE, "monitor");
                RunningIntegration shopper = platform.startIntegration(Site.EDGE, "shopper")) {
            List<JsonNode> published = publishAndAwaitKept(3);

            JsonNode events = json(get(shopper, "/events?limit=3"), 200).get("events");

            assertThat(events).hasSize(3);
            for (int i = 0; i < 3; i++) {
                JsonNode listed = events.get(i);
                JsonNode live = published.get(2 - i);
                assertThat(listed).as("newest first, as published live").isEqualTo(live);
                assertThat(listed.get("event").get("name").asText()).isEqualTo("detection");
                assertThat(listed.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            }
            assertThat(platform.edgeS3().keys(BUCKET, "")).containsExactlyInAnyOrderElementsOf(
                    published.stream().map(event -> event.get("id").asText()).toList());
        }
    }

    @Test
    void withoutALimitTheNewestHundredAreListed() throws Exception {
        try (RunningIntegration monitor = platform.startIntegration(Site.EDGE, "monitor");
                RunningIntegration shopper = platform.startIntegration(Site.EDGE, "shopper")) {
            List<JsonNode> published = publishAndAwaitKept(2);

            JsonNode events = json(get(shopper, "/events"), 200).get("events");

            assertThat(events).containsExactly(published.get(1), published.get(0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-5", "ten", "", "1.5"})
    void aLimitOutsideOneToAThousandIs400(String limit) throws Exception {
        try (RunningIntegration shopper = platform.startIntegration(Site.EDGE, "shopper")) {
            JsonNode answer = json(get(shopper, "/events?limit=" + limit), 400);

            assertThat(answer.get("error").asText()).contains("limit");
        }
    }

    @Test
    void theHistoryOutlivesARestartOfTheMonitorAndTheShopper() throws Exception {
        List<JsonNode> published;
        try (RunningIntegration monitor = platform.startIntegration(Site.EDGE, "monitor")) {
            published = publishAndAwaitKept(2);
        }

        try (RunningIntegration monitor = platform.startIntegration(Site.EDGE, "monitor");
                RunningIntegration shopper = platform.startIntegration(Site.EDGE, "shopper")) {
            List<JsonNode> later = publishAndAwaitKept(1);

            JsonNode events = json(get(shopper, "/events?limit=10"), 200).get("events");

            assertThat(events).containsExactly(later.get(0), published.get(1), published.get(0));
        }
    }

    @Test
    void eventsBeyondTheNewestKeptCountArePruned() throws Exception {
        try (RunningIntegration monitor = platform.startIntegration(Site.EDGE, "monitor",
                Map.of("monitor.events-keep", "3", "monitor.events-prune-period", "300"))) {
            List<JsonNode> published = publishAndAwaitKept(5);
            List<String> newest = published.subList(2, 5).stream().map(event -> event.get("id").asText()).toList();

            Awaitility.await().atMost(KEPT).untilAsserted(() ->
                    assertThat(platform.edgeS3().keys(BUCKET, "")).containsExactlyInAnyOrderElementsOf(newest));
        }
    }

    @Test
    void eventsOlderThanTheMaxAgeArePruned() throws Exception {
        try (RunningIntegration monitor = platform.startIntegration(Site.EDGE, "monitor",
                Map.of("monitor.events-max-age", "3000", "monitor.events-prune-period", "300"))) {
            publishAndAwaitKept(2);
            Thread.sleep(1000);
            assertThat(platform.edgeS3().keys(BUCKET, "")).as("younger than the max age: kept").hasSize(2);

            Awaitility.await().atMost(KEPT).untilAsserted(() ->
                    assertThat(platform.edgeS3().keys(BUCKET, "")).isEmpty());
        }
    }

    /**
     * Publishes detection events on MQTT monitor at once (several in one millisecond, as a burst does); answers their
     * records in the order the monitor kept them, as published live on monitor/events.
     */
    private List<JsonNode> publishAndAwaitKept(int count) throws Exception {
        List<JsonNode> kept = new ArrayList<>();
        try (MqttTestClient mqtt = platform.mqttOverTcp().subscribe("monitor/events")) {
            String marker = UUID.randomUUID().toString();
            for (int i = 0; i < count; i++) {
                mqtt.publish("monitor", "{\"name\":\"detection\",\"origin\":\"" + marker + "-" + i + "\",\"valid\":true}");
            }
            for (int i = 0; i < count; i++) {
                MqttTestClient.Received received = mqtt.nextContaining(marker, KEPT);
                assertThat(received).as("event %s kept and published on monitor/events", i).isNotNull();
                JsonNode record = JSON.readTree(received.payload());
                assertThat(record.get("event").get("origin").asText()).isEqualTo(marker + "-" + i);
                kept.add(record);
            }
        }
        return kept;
    }

    private static HttpResponse<String> get(RunningIntegration shopper, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(shopper.url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }
}
