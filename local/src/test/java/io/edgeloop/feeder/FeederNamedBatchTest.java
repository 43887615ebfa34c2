package io.edgeloop.feeder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestImages;
import io.edgeloop.local.testing.TestPlatform;
import io.edgeloop.local.testing.ZipBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * An edge that names its batch ({@code batchId}) sends it again until it hears the answer (the shopper's outbox): the
 * images arrive once and the batch triggers training exactly once, whichever try got how far.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class FeederNamedBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TRIGGER = "trigger";

    private static TestPlatform platform;
    private static RunningIntegration feeder;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        feeder = platform.startAnotherIntegration(Site.CENTRAL, "feeder", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        feeder.close();
    }

    private static String newEdge() {
        return platform.newCentralEdge("edge-named-t");
    }

    private static String batchId(int n) {
        return String.format("20261206T050000Z-%08x", n);
    }

    private static byte[] zipOf(String className, int count, int seed) {
        ZipBuilder builder = new ZipBuilder();
        for (int i = 0; i < count; i++) {
            builder.add("images/" + className + "/" + i + ".jpg", TestImages.jpeg(seed + i));
        }
        return builder.build();
    }

    private static HttpResponse<String> upload(String edgeId, String batchId, byte[] zip) throws Exception {
        String query = "/zip?edgeId=" + edgeId + (batchId == null ? "" : "&batchId=" + batchId);
        return HTTP.send(HttpRequest.newBuilder(feeder.url(query)).PUT(HttpRequest.BodyPublishers.ofByteArray(zip)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode accepted(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode manifest(String edge, String batchId) throws Exception {
        return JSON.readTree(platform.centralS3().get(edge + "-data", "batches/" + batchId + ".json"));
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Where the central directory starts: what comes before is every entry, whole. */
    private static int centralDirectoryOffset(byte[] zip) {
        for (int i = 0; i + 3 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                return i;
            }
        }
        throw new IllegalArgumentException("no central directory");
    }

    @Test
    void aBatchSentAgainUnderItsIdIsAnsweredFromItsManifestAndTriggersOnce() throws Exception {
        String edge = newEdge();
        String batchId = batchId(1);
        byte[] zip = zipOf("tea-green", 3, 100);

        JsonNode first = accepted(upload(edge, batchId, zip));
        JsonNode again = accepted(upload(edge, batchId, zip));

        assertThat(first.get("batchId").asText()).isEqualTo(batchId);
        assertThat(first.get("stored").asInt()).isEqualTo(3);
        assertThat(again).isEqualTo(first);
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).singleElement().asString().contains(batchId);
        assertThat(platform.kafka().readContaining(edge, "\"zipfile\"")).hasSize(3);
        assertThat(manifest(edge, batchId).get("triggered").asText()).isNotBlank();
        assertThat(platform.centralS3().keys(edge + "-data", "batches/")).containsExactly("batches/" + batchId + ".json");
    }

    @Test
    void imagesAnEarlierTryOfTheBatchStoredAreItsOwnSoItTriggersOnce() throws Exception {
        String edge = newEdge();
        String batchId = batchId(2);
        byte[] zip = zipOf("tea-lemon", 4, 200);
        // What a try leaves that stored every image and failed before its manifest (S3 failing, the answer cut).
        for (int i = 0; i < 4; i++) {
            byte[] image = TestImages.jpeg(200 + i);
            platform.centralS3().sdk().putObject(PutObjectRequest.builder().bucket(edge + "-data")
                    .key("images/tea-lemon/" + i + ".jpg").metadata(Map.of("sha256", sha256(image), "batch", batchId)).build(),
                    RequestBody.fromBytes(image));
        }

        JsonNode retried = accepted(upload(edge, batchId, zip));

        assertThat(retried.get("stored").asInt()).isEqualTo(4);
        assertThat(retried.get("duplicates").asInt()).isZero();
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).singleElement().asString().contains(batchId);
        // For any other batch, they are duplicates as before.
        JsonNode other = accepted(upload(edge, null, zip));
        assertThat(other.get("stored").asInt()).isZero();
        assertThat(other.get("duplicates").asInt()).isEqualTo(4);
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).hasSize(1);
    }

    @Test
    void aTryBrokenOffMidUploadLeavesImagesThatTheNextTryCountsAsStored() throws Exception {
        String edge = newEdge();
        String batchId = batchId(4);
        byte[] zip = zipOf("tea-green", 4, 250);
        // Every entry whole, no central directory: refused, and the images it read go on to S3 (the pool's stores
        // in flight when the end of the upload is found wrong finish after the answer).
        assertThat(upload(edge, batchId, Arrays.copyOf(zip, centralDirectoryOffset(zip))).statusCode()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(10)).until(() -> !platform.centralS3().keys(edge + "-data", "images/").isEmpty());
        assertThat(platform.centralS3().keys(edge + "-data", "batches/")).isEmpty();

        JsonNode retried = accepted(upload(edge, batchId, zip));

        assertThat(retried.get("stored").asInt()).isEqualTo(4);
        assertThat(retried.get("duplicates").asInt()).isZero();
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).singleElement().asString().contains(batchId);
    }

    @Test
    void aBatchWhoseTriggerWasNotSentGetsItWhenSentAgainAndOnlyThen() throws Exception {
        String edge = newEdge();
        String batchId = batchId(3);
        byte[] image = TestImages.jpeg(300);
        byte[] zip = new ZipBuilder().add("images/tea-green/a.jpg", image).build();
        // What a try leaves when Kafka failed after the manifest: images and manifest, no trigger, not marked triggered.
        platform.centralS3().put(edge + "-data", "images/tea-green/a.jpg", image);
        String manifest = """
                {"batchId": "%s", "edgeId": "%s", "created": "2026-12-06T05:00:00.000Z", "stored": 1, "duplicates": 0,
                 "classes": {"tea-green": 1}, "skipped": [],
                 "images": [{"key": "images/tea-green/a.jpg", "class": "tea-green", "size": %d, "sha256": "%s",
                             "status": "stored"}]}
                """.formatted(batchId, edge, image.length, sha256(image));
        platform.centralS3().put(edge + "-data", "batches/" + batchId + ".json", manifest.getBytes(StandardCharsets.UTF_8));

        JsonNode answer = accepted(upload(edge, batchId, zip));
        accepted(upload(edge, batchId, zip));

        assertThat(answer.get("stored").asInt()).isEqualTo(1);
        assertThat(answer.get("bytes").asInt()).isEqualTo(image.length);
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).singleElement().asString().contains(batchId);
        assertThat(manifest(edge, batchId).get("triggered").asText()).isNotBlank();
    }

    @Test
    void aBatchIdNotLikeTheFeedersIs400AndStoresNothing() throws Exception {
        String edge = newEdge();
        byte[] zip = zipOf("tea-green", 1, 400);

        for (String batchId : List.of("..%2Fx", "x", "20261206T050000Z-0A1B2C3D", "20261206T050000Z-0a1b2c3d%2F..")) {
            HttpResponse<String> response = upload(edge, batchId, zip);

            assertThat(response.statusCode()).as(batchId).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("error").asText()).contains("batchId");
        }
        assertThat(platform.centralS3().keys(edge + "-data", "")).isEmpty();
    }
}
