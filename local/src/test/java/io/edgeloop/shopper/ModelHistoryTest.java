package io.edgeloop.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET /models, GET /models/<version>/report.svg and POST /models/serve over real HTTP against a shopper with an admin
 * token and versions archived in a production bucket of its own on the real edge S3, as the manager archives them. The
 * model server is not running here (its state and the served version are null, the history still answers); the
 * system tests pin a version against a real one.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class ModelHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "models-admin-4d1e";
    private static final String PRODUCTION = "history-production";
    private static final String MODEL = "tea_model_b64";
    private static final String PIN = "served/" + MODEL + ".json";

    private static TestPlatform platform;
    private static RunningIntegration shopper;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        platform.edgeS3().createBucket(PRODUCTION);
        archive(1, 0.875, List.of("batch-a"));
        archive(2, 0.9375, List.of("batch-a", "batch-b"));
        platform.edgeS3().createBucket("history-outbox");
        shopper = platform.startAnotherIntegration(Site.EDGE, "shopper", Map.of("shopper.admin-token", TOKEN,
                "shopper.production-bucket", PRODUCTION, "shopper.outbox-bucket", "history-outbox",
                "shopper.model-server-url", "http://localhost:" + FreePorts.next(),
                "shopper.detection-topic", "detection-history/+"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (shopper != null) {
            shopper.close();
        }
    }

    /** A version as the manager archives it: the trainer's files under models/<model>/<N>/, its manifest among them. */
    private static void archive(int version, double accuracy, List<String> batches) throws Exception {
        String prefix = "models/" + MODEL + "/" + version + "/";
        Map<String, Object> metrics = Map.of("accuracy", accuracy, "labels", List.of("tea-green", "tea-mint"),
                "perClass", Map.of("tea-green", Map.of("precision", 1.0, "recall", accuracy),
                        "tea-mint", Map.of("precision", accuracy, "recall", 1.0)));
        put(prefix + "saved_model.pb", "graph " + version);
        put(prefix + "metrics.json", JSON.writeValueAsString(metrics));
        put(prefix + "report.svg", report(version));
        put(prefix + "manifest.json", JSON.writeValueAsString(Map.of("model", MODEL, "version", version,
                "created", "2026-12-0" + version + "T10:00:00Z", "labels", List.of("tea-green", "tea-mint"),
                "metrics", metrics, "batches", batches, "files", List.of())));
    }

    private static String report(int version) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>v" + version + "</text></svg>";
    }

    private static void put(String key, String content) {
        platform.edgeS3().put(PRODUCTION, key, content.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String path, String body, boolean withToken)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(shopper.url(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void everyPathNeedsTheAdminToken() throws Exception {
        for (HttpResponse<String> response : List.of(send("GET", "/models", null, false),
                send("GET", "/models/1/report.svg", null, false),
                send("POST", "/models/serve", "{\"version\": 1}", false))) {
            assertThat(json(response, 401).get("error").asText()).contains("admin token");
        }
        assertThat(platform.edgeS3().keys(PRODUCTION, PIN)).isEmpty();
    }

    @Test
    void modelsListsEveryArchivedVersionNewestFirstWithItsMetricsAndBatches() throws Exception {
        JsonNode models = json(send("GET", "/models", null, true), 200);

        assertThat(models.get("model").asText()).isEqualTo(MODEL);
        assertThat(models.get("served").isNull()).as("no model server: none served").isTrue();
        assertThat(models.get("versions")).hasSize(2);
        JsonNode newest = models.at("/versions/0");
        assertThat(newest.get("version").asInt()).isEqualTo(2);
        assertThat(newest.get("accuracy").asDouble()).isEqualTo(0.9375);
        assertThat(newest.at("/metrics/perClass/tea-mint/precision").asDouble()).isEqualTo(0.9375);
        assertThat(newest.get("batches")).extracting(JsonNode::asText).containsExactly("batch-a", "batch-b");
        assertThat(newest.get("created").asText()).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(newest.get("report").asText()).isEqualTo("/models/2/report.svg");
        assertThat(newest.get("served").asBoolean()).isFalse();
        assertThat(newest.get("state").isNull()).isTrue();
        assertThat(models.at("/versions/1/version").asInt()).isEqualTo(1);
        assertThat(models.at("/versions/1/accuracy").asDouble()).isEqualTo(0.875);
    }

    @Test
    void anEdgeWithoutVersionsListsNone() throws Exception {
        platform.edgeS3().createBucket("history-empty-production");
        try (RunningIntegration empty = platform.startAnotherIntegration(Site.EDGE, "shopper", Map.of(
                "shopper.production-bucket", "history-empty-production", "shopper.outbox-bucket", "history-outbox",
                "shopper.model-server-url", "http://localhost:" + FreePorts.next(),
                "shopper.detection-topic", "detection-history/+"))) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(empty.url("/models")).build(),
                    HttpResponse.BodyHandlers.ofString());

            JsonNode models = json(response, 200);
            assertThat(models.get("versions")).isEmpty();
            assertThat(models.get("served").isNull()).isTrue();
            assertThat(models.get("pinned").isNull()).isTrue();
        }
    }

    @Test
    void theReportIsTheArchivedSvg() throws Exception {
        HttpResponse<String> report = send("GET", "/models/1/report.svg", null, true);

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(report.body()).isEqualTo(report(1));
    }

    @Test
    void theReportOfAnUnknownVersionIs404AndOfANonNumber400() throws Exception {
        assertThat(json(send("GET", "/models/9/report.svg", null, true), 404).get("error").asText())
                .contains("no version 9");
        assertThat(json(send("GET", "/models/1x/report.svg", null, true), 400).get("error").asText())
                .contains("a model version is a number");
    }

    @Test
    void servingAVersionPinsItAndLatestUndoesIt() throws Exception {
        JsonNode pinned = json(send("POST", "/models/serve", "{\"version\": 1}", true), 202);
        assertThat(pinned.get("pinned").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(platform.edgeS3().get(PRODUCTION, PIN))).isEqualTo(JSON.readTree("{\"version\": 1}"));
        assertThat(json(send("GET", "/models", null, true), 200).get("pinned").asInt()).isEqualTo(1);

        assertThat(json(send("POST", "/models/serve", "{\"version\": 7}", true), 404).get("error").asText())
                .contains("no version 7");
        assertThat(JSON.readTree(platform.edgeS3().get(PRODUCTION, PIN))).isEqualTo(JSON.readTree("{\"version\": 1}"));

        JsonNode latest = json(send("POST", "/models/serve", "{\"version\": \"latest\"}", true), 202);
        assertThat(latest.get("pinned").isNull()).isTrue();
        assertThat(JSON.readTree(platform.edgeS3().get(PRODUCTION, PIN)))
                .isEqualTo(JSON.readTree("{\"version\": \"latest\"}"));
        assertThat(json(send("GET", "/models", null, true), 200).get("pinned").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"version\": \"1\"}", "{\"version\": -1}", "{\"version\": 1.5}", "{}", "[1]", "not json",
            "{\"version\": \"newest\"}"})
    void anythingButAVersionNumberOrLatestIs400(String body) throws Exception {
        assertThat(json(send("POST", "/models/serve", body, true), 400).get("error").asText())
                .contains("{\"version\": \"latest\"}");
    }
}
