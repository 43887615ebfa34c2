package io.edgeloop.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestImages;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin token over real HTTP against two running shoppers: one without a token (open, as before) and one with
 * a token (the admin and shipping endpoints refuse anyone without it; detection, the catalogue, the web app and
 * health stay open).
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class ShopperAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "shop-admin-7f3a9c";
    /** Empty: a 409 from /zip proves the route ran, without a feeder. */
    private static final String DATA_BUCKET = "access-data";

    private static TestPlatform platform;
    private static RunningIntegration open;
    private static RunningIntegration guarded;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        platform.edgeS3().createBucket(DATA_BUCKET);
        open = platform.startAnotherIntegration(Site.EDGE, "shopper", settings("", "access-open-outbox"));
        guarded = platform.startAnotherIntegration(Site.EDGE, "shopper", settings(TOKEN, "access-guarded-outbox"));
    }

    /** Outboxes of their own: a shipment queued here must not be what another shopper answers or retries. */
    private static Map<String, String> settings(String token, String outboxBucket) {
        platform.edgeS3().createBucket(outboxBucket);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("shopper.admin-token", token);
        settings.put("shopper.data-bucket", DATA_BUCKET);
        settings.put("shopper.outbox-bucket", outboxBucket);
        // Neither answers the MQTT detections of other tests.
        settings.put("shopper.detection-topic", "detection-access/+");
        return settings;
    }

    @AfterAll
    static void stop() throws Exception {
        if (open != null) {
            open.close();
        }
        if (guarded != null) {
            guarded.close();
        }
    }

    private static HttpResponse<String> send(RunningIntegration shopper, String method, String path, String body,
            String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(shopper.url(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("admin token");
    }

    @Test
    void withoutATokenConfiguredTheAdminEndpointsAreOpen() throws Exception {
        HttpResponse<String> status = send(open, "GET", "/admin/status", null, null);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(JSON.readTree(status.body()).get("buckets").has(DATA_BUCKET)).isTrue();

        assertThat(send(open, "POST", "/zip", null, null).statusCode()).as("the route ran: empty bucket").isEqualTo(409);
        assertThat(send(open, "POST", "/ingestion", "{}", null).statusCode()).isEqualTo(400);
        // Whatever a client sends: there is no token to check.
        assertThat(send(open, "GET", "/admin/status", null, "Bearer anything").statusCode()).isEqualTo(200);
    }

    @Test
    void adminStatusWithoutTheTokenIs401() throws Exception {
        assertRefused(send(guarded, "GET", "/admin/status", null, null));
        assertRefused(send(guarded, "GET", "/admin/status", null, "Bearer wrong-token"));
        assertRefused(send(guarded, "GET", "/admin/status", null, "Bearer " + TOKEN + "x"));
        assertRefused(send(guarded, "GET", "/admin/status", null, "Bearer"));
        assertRefused(send(guarded, "GET", "/admin/status", null, TOKEN));
        assertRefused(send(guarded, "GET", "/admin/status", null, "Basic " + TOKEN));
    }

    @Test
    void adminStatusWithTheTokenAnswers() throws Exception {
        HttpResponse<String> response = send(guarded, "GET", "/admin/status", null, "Bearer " + TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.get("edgeId").asText()).isEqualTo(platform.config().edgeId());
        assertThat(status.get("buckets").has(DATA_BUCKET)).isTrue();
    }

    @Test
    void shippingWithoutTheTokenIs401AndShipsNothing() throws Exception {
        String key = "images/tea-green/access-" + System.nanoTime() + ".jpg";
        platform.edgeS3().put(DATA_BUCKET, key, TestImages.jpeg(7));
        try {
            // No feeder runs: a shipment that got past the check is queued in the outbox (202).
            assertRefused(send(guarded, "POST", "/zip", null, null));
            assertRefused(send(guarded, "POST", "/zip", null, "Bearer wrong-token"));
            assertThat(platform.edgeS3().keys("access-guarded-outbox", "")).isEmpty();
            assertThat(send(guarded, "POST", "/zip", null, "Bearer " + TOKEN).statusCode()).isEqualTo(202);
        } finally {
            platform.edgeS3().deleteAll(DATA_BUCKET);
        }
    }

    @Test
    void ingestionWithoutTheTokenIs401AndStoresNothing() throws Exception {
        String labelled = "{\"image\": \"" + Base64.getEncoder().encodeToString(TestImages.jpeg(8))
                + "\", \"product\": \"Green Tea\"}";

        assertRefused(send(guarded, "POST", "/ingestion", labelled, null));
        assertThat(platform.edgeS3().keys(DATA_BUCKET, "")).isEmpty();
        assertThat(send(guarded, "POST", "/ingestion", "{}", "Bearer " + TOKEN).statusCode())
                .as("past the check: the photo is missing").isEqualTo(400);
    }

    // Events and topics name the shop's shipments and batches; a replay sends to central.
    @ParameterizedTest
    @ValueSource(strings = {"GET /events 200", "GET /topics?topic=trigger 200", "POST /topics/replay 400"})
    void historyAndTopicsWithoutTheTokenAre401AndAnswerWithIt(String request) throws Exception {
        String[] parts = request.split(" ");
        String body = parts[0].equals("POST") ? "{}" : null;

        assertRefused(send(guarded, parts[0], parts[1], body, null));
        // With the token the route runs: the history, or the empty replay's 400.
        assertThat(send(guarded, parts[0], parts[1], body, "Bearer " + TOKEN).statusCode())
                .isEqualTo(Integer.parseInt(parts[2]));
    }

    // The route's own path is guarded, whatever spelling of it reaches the route.
    @ParameterizedTest
    @ValueSource(strings = {"/admin/status/", "//admin/status", "/admin/./status", "/admin/status?x=1"})
    void otherSpellingsOfAGuardedPathDoNotGetPast(String path) throws Exception {
        HttpResponse<String> response = send(guarded, "GET", path, null, null);

        assertThat(response.statusCode()).as(path + ": " + response.body()).isIn(401, 404);
    }

    @Test
    void detectionCatalogueWebAppAndHealthStayOpen() throws Exception {
        // Bad input, not a missing token: the routes ran.
        assertThat(send(guarded, "POST", "/detection", "{}", null).statusCode()).isEqualTo(400);
        assertThat(send(guarded, "POST", "/binary", "not an image", null).statusCode()).isEqualTo(400);
        assertThat(send(guarded, "GET", "/ingestion/options", null, null).statusCode()).isEqualTo(200);
        assertThat(send(guarded, "GET", "/ui/admin.html", null, null).statusCode()).isEqualTo(200);
        assertThat(send(guarded, "GET", "/ui/config.json", null, null).statusCode()).isEqualTo(200);
        assertThat(send(guarded, "GET", "/", null, null).statusCode()).isEqualTo(302);
        assertThat(send(guarded, "GET", "/monitor.html", null, null).statusCode()).isEqualTo(302);
        assertThat(send(guarded, "GET", "/observe/health", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void anOpenEndpointIgnoresAWrongToken() throws Exception {
        assertThat(send(guarded, "GET", "/ingestion/options", null, "Bearer wrong-token").statusCode()).isEqualTo(200);
    }
}
