package io.edgeloop.feeder;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

@ExtendWith(EdgeLoopPlatformExtension.class)
class FeederTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TRIGGER = "trigger";
    private static final long MAX_ENTRY_BYTES = 200_000;
    private static final int MAX_ENTRIES = 40;
    private static final long MAX_TOTAL_BYTES = 1_000_000;

    private static TestPlatform platform;
    private static RunningIntegration feeder;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        feeder = platform.startIntegration(Site.CENTRAL, "feeder", Map.of(
                "feeder.max-entry-bytes", Long.toString(MAX_ENTRY_BYTES),
                "feeder.max-entries", Integer.toString(MAX_ENTRIES),
                "feeder.max-total-bytes", Long.toString(MAX_TOTAL_BYTES),
                "feeder.tokens", "edge-secure=s3cr3t,edge-other=other"));
        platform.centralS3().createBucket("edge-secure-data");
    }

    @AfterAll
    static void stop() throws Exception {
        feeder.close();
    }

    /** Each test ships for its own edge, so buckets and events never mix between tests. */
    private static String newEdge() {
        return platform.newCentralEdge("edge-t");
    }

    @Test
    void zipOfImagesIsStoredUnderItsKeysWithAManifestAndOneTrigger() throws Exception {
        String edge = newEdge();
        byte[] zip = new ZipBuilder().directory("images").directory("images/tea-green")
                .add("images/tea-green/a.jpg", TestImages.jpeg(1))
                .add("images/tea-green/b.JPEG", TestImages.jpeg(2))
                .add("images/tea-lemon/c.png", TestImages.png(3))
                .build();

        HttpResponse<String> response = upload(edge, zip);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode summary = JSON.readTree(response.body());
        String batchId = summary.get("batchId").asText();
        assertThat(summary.get("edgeId").asText()).isEqualTo(edge);
        assertThat(summary.get("stored").asInt()).isEqualTo(3);
        assertThat(summary.get("duplicates").asInt()).isZero();
        assertThat(summary.get("skipped")).isEmpty();
        assertThat(summary.get("bytes").asLong()).isEqualTo(
                TestImages.jpeg(1).length + TestImages.jpeg(2).length + TestImages.png(3).length);

        assertThat(platform.centralS3().keys(edge + "-data", "images/")).containsExactly(
                "images/tea-green/a.jpg", "images/tea-green/b.JPEG", "images/tea-lemon/c.png");
        assertThat(platform.centralS3().get(edge + "-data", "images/tea-lemon/c.png")).isEqualTo(TestImages.png(3));

        JsonNode manifest = JSON.readTree(platform.centralS3().get(edge + "-data", "batches/" + batchId + ".json"));
        assertThat(manifest.get("images")).hasSize(3);
        assertThat(manifest.get("images").get(0).get("sha256").asText()).hasSize(64);
        assertThat(manifest.get("classes").get("tea-green").asInt()).isEqualTo(2);

        List<String> triggers = platform.kafka().readContaining(TRIGGER, batchId);
        assertThat(triggers).hasSize(1);
        JsonNode trigger = JSON.readTree(triggers.get(0));
        assertThat(trigger.get("edgeId").asText()).isEqualTo(edge);
        assertThat(trigger.get("images").asInt()).isEqualTo(3);
        assertThat(trigger.get("classes")).extracting(JsonNode::asText).containsExactly("tea-green", "tea-lemon");

        List<String> events = platform.kafka().readContaining(edge, batchId);
        assertThat(events).filteredOn(e -> e.contains("\"zipfile\"")).hasSize(3);
        assertThat(events).filteredOn(e -> e.contains("\"pipeline\"")).singleElement()
                .satisfies(e -> assertThat(JSON.readTree(e).get("files").asInt()).isEqualTo(3));
    }

    @Test
    void reuploadOfSameZipStoresNothingAndTriggersNothing() throws Exception {
        String edge = newEdge();
        byte[] zip = new ZipBuilder().add("images/tea-green/a.jpg", TestImages.jpeg(10))
                .add("images/tea-green/b.jpg", TestImages.jpeg(11)).build();
        assertThat(upload(edge, zip).statusCode()).isEqualTo(200);

        HttpResponse<String> again = upload(edge, zip);

        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode summary = JSON.readTree(again.body());
        assertThat(summary.get("stored").asInt()).isZero();
        assertThat(summary.get("duplicates").asInt()).isEqualTo(2);
        assertThat(platform.kafka().readContaining(TRIGGER, summary.get("batchId").asText())).isEmpty();
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).hasSize(1);
    }

    @Test
    void changedContentUnderTheSameKeyIsStoredAgain() throws Exception {
        String edge = newEdge();
        upload(edge, new ZipBuilder().add("images/tea-green/a.jpg", TestImages.jpeg(20)).build());

        JsonNode summary = JSON.readTree(upload(edge,
                new ZipBuilder().add("images/tea-green/a.jpg", TestImages.jpeg(21)).build()).body());

        assertThat(summary.get("stored").asInt()).isEqualTo(1);
        assertThat(platform.centralS3().get(edge + "-data", "images/tea-green/a.jpg")).isEqualTo(TestImages.jpeg(21));
    }

    @Test
    void concurrentUploadsFromSeveralEdgesAreAllAccepted() throws Exception {
        List<String> edges = List.of(newEdge(), newEdge());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> uploads = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String edge = edges.get(i % 2);
                byte[] zip = new ZipBuilder().add("images/c" + i + "/x.jpg", TestImages.jpeg(100 + i))
                        .add("images/c" + i + "/y.jpg", TestImages.jpeg(200 + i)).build();
                uploads.add(pool.submit((Callable<HttpResponse<String>>) () -> upload(edge, zip)));
            }
            List<String> batchIds = new ArrayList<>();
            for (Future<HttpResponse<String>> upload : uploads) {
                HttpResponse<String> response = upload.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(JSON.readTree(response.body()).get("stored").asInt()).isEqualTo(2);
                batchIds.add(JSON.readTree(response.body()).get("batchId").asText());
            }
            assertThat(batchIds).doesNotHaveDuplicates();
            for (String edge : edges) {
                assertThat(platform.centralS3().keys(edge + "-data", "images/")).hasSize(6);
                assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).hasSize(3);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void skippedEntriesAreListedWithTheirReason() throws Exception {
        String edge = newEdge();
        byte[] zip = new ZipBuilder()
                .add("images/tea-green/a.jpg", TestImages.jpeg(30))
                .add("__MACOSX/images/tea-green/._a.jpg", new byte[] {0, 5, 22, 7})
                .add("images/tea-green/.DS_Store", new byte[] {0, 0, 0, 1})
                .add("README.md", "# my photos".getBytes())
                .add("images/Tea Green/b.jpg", TestImages.jpeg(31))
                .add("images/tea-green/notes.txt", "x".getBytes())
                .add("images/tea-green/fake.jpg", "not really a jpeg".getBytes())
                .build();

        HttpResponse<String> response = upload(edge, zip);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode summary = JSON.readTree(response.body());
        assertThat(summary.get("stored").asInt()).isEqualTo(1);
        Map<String, String> skipped = new java.util.TreeMap<>();
        summary.get("skipped").forEach(s -> skipped.put(s.get("entry").asText(), s.get("reason").asText()));
        assertThat(skipped).containsOnlyKeys("__MACOSX/images/tea-green/._a.jpg", "images/tea-green/.DS_Store",
                "README.md", "images/Tea Green/b.jpg", "images/tea-green/notes.txt", "images/tea-green/fake.jpg");
        assertThat(skipped.get("images/tea-green/fake.jpg")).contains("not a JPEG or PNG");
        assertThat(skipped.get("images/Tea Green/b.jpg")).contains("class name");
        assertThat(platform.centralS3().keys(edge + "-data", "images/")).containsExactly("images/tea-green/a.jpg");
    }

    @Test
    void invalidEdgeIdIs400AndStoresNothing() throws Exception {
        byte[] zip = new ZipBuilder().add("images/tea-green/a.jpg", TestImages.jpeg(40)).build();

        for (String edgeId : List.of("Edge1", "edge_1", "-edge", "edge1%2F..", "")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(feeder.url("/zip?edgeId=" + edgeId))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(zip)));
            assertThat(response.statusCode()).as(edgeId).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("error").asText()).contains("edgeId");
        }
        HttpResponse<String> missing = send(HttpRequest.newBuilder(feeder.url("/zip"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zip)));
        assertThat(missing.statusCode()).isEqualTo(400);
    }

    @Test
    void unsafeEntryNameRefusesTheUploadAndTriggersNothing() throws Exception {
        String edge = newEdge();
        for (String name : List.of("images/tea-green/../../../etc/passwd.jpg", "/images/tea-green/a.jpg",
                "images\\tea-green\\a.jpg", "C:/images/tea-green/a.jpg")) {
            byte[] zip = new ZipBuilder().add(name, TestImages.jpeg(50)).build();

            HttpResponse<String> response = upload(edge, zip);

            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("error").asText()).contains("unsafe entry name");
        }
        assertThat(platform.centralS3().keys(edge + "-data", "")).isEmpty();
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).isEmpty();
    }

    @Test
    void corruptOrEmptyZipIs400AndTriggersNothing() throws Exception {
        String edge = newEdge();
        byte[] notAZip = "this is not a zip file at all".getBytes();
        byte[] empty = new ZipBuilder().build();
        byte[] onlyDirectories = new ZipBuilder().directory("images").directory("images/tea-green").build();
        byte[] onlyJunk = new ZipBuilder().add("README.md", "hi".getBytes()).build();

        for (byte[] zip : List.of(notAZip, empty, onlyDirectories, onlyJunk)) {
            HttpResponse<String> response = upload(edge, zip);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("error").asText()).isNotBlank();
        }
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).isEmpty();
        assertThat(platform.centralS3().keys(edge + "-data", "batches/")).isEmpty();
    }

    @Test
    void uploadBrokenOffMidStreamTriggersNothingAndARetryCompletesIt() throws Exception {
        String edge = newEdge();
        ZipBuilder builder = new ZipBuilder();
        for (int i = 0; i < 8; i++) {
            builder.add("images/tea-green/" + i + ".jpg", TestImages.jpeg(60 + i));
        }
        byte[] zip = builder.build();

        HttpResponse<String> broken = upload(edge, ZipBuilder.truncated(zip, 0.6));

        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).isEmpty();
        assertThat(platform.centralS3().keys(edge + "-data", "batches/")).isEmpty();

        HttpResponse<String> retry = upload(edge, zip);

        assertThat(retry.statusCode()).isEqualTo(200);
        JsonNode summary = JSON.readTree(retry.body());
        assertThat(summary.get("stored").asInt() + summary.get("duplicates").asInt()).isEqualTo(8);
        assertThat(summary.get("stored").asInt()).isPositive();
        assertThat(platform.centralS3().keys(edge + "-data", "images/")).hasSize(8);
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).hasSize(1);
    }

    @Test
    void uploadCutOffExactlyBetweenTwoEntriesIsRefusedAndTriggersNothing() throws Exception {
        String edge = newEdge();
        ZipBuilder builder = new ZipBuilder();
        for (int i = 0; i < 6; i++) {
            builder.add("images/tea-lemon/" + i + ".jpg", TestImages.jpeg(80 + i));
        }
        byte[] zip = builder.build();
        // Up to the local header of the fourth entry: three whole entries, no central directory.
        byte[] cut = Arrays.copyOf(zip, localHeaderOffset(zip, 3));

        HttpResponse<String> response = upload(edge, cut);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("broke off");
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).isEmpty();
        assertThat(platform.centralS3().keys(edge + "-data", "batches/")).isEmpty();
    }

    /** Where the local header of entry number {@code entry} starts. */
    static int localHeaderOffset(byte[] zip, int entry) {
        int seen = 0;
        for (int i = 0; i + 3 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4 && seen++ == entry) {
                return i;
            }
        }
        throw new IllegalArgumentException("the ZIP has no entry " + entry);
    }

    @Test
    void limitsCutOffOversizedEntriesZipBombsAndTooManyEntries() throws Exception {
        String edge = newEdge();
        byte[] bomb = new byte[(int) MAX_ENTRY_BYTES * 20]; // zeros: a few kB compressed
        bomb[0] = (byte) 0xFF;
        bomb[1] = (byte) 0xD8;
        bomb[2] = (byte) 0xFF;
        ZipBuilder inflatesTooMuch = new ZipBuilder();
        for (int i = 0; i < 8; i++) {
            inflatesTooMuch.add("images/a/" + i + ".jpg", java.util.Arrays.copyOf(bomb, (int) MAX_ENTRY_BYTES - 1));
        }
        ZipBuilder tooMany = new ZipBuilder();
        for (int i = 0; i <= MAX_ENTRIES; i++) {
            tooMany.add("images/a/" + i + ".jpg", TestImages.jpeg(1));
        }

        assertRejected(upload(edge, new ZipBuilder().add("images/a/bomb.jpg", bomb).build()), "larger than");
        assertRejected(upload(edge, inflatesTooMuch.build()), "inflates to more than");
        assertRejected(upload(edge, tooMany.build()), "more than " + MAX_ENTRIES + " entries");
        assertThat(platform.kafka().readContaining(TRIGGER, "\"" + edge + "\"")).isEmpty();
    }

    @Test
    void edgeWithATokenMustSendIt() throws Exception {
        byte[] zip = new ZipBuilder().add("images/tea-green/a.jpg", TestImages.jpeg(70)).build();

        HttpResponse<String> without = upload("edge-secure", zip);
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(feeder.url("/zip?edgeId=edge-secure"))
                .header("Authorization", "Bearer other").PUT(HttpRequest.BodyPublishers.ofByteArray(zip)));
        HttpResponse<String> right = send(HttpRequest.newBuilder(feeder.url("/zip?edgeId=edge-secure"))
                .header("Authorization", "Bearer s3cr3t").POST(HttpRequest.BodyPublishers.ofByteArray(zip)));

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(without.body()).get("error").asText()).contains("Bearer");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(platform.centralS3().keys("edge-secure-data", "images/")).containsExactly("images/tea-green/a.jpg");
    }

    @Test
    void edgeWithoutBucketIs404() throws Exception {
        byte[] zip = new ZipBuilder().add("images/tea-green/a.jpg", TestImages.jpeg(80)).build();

        HttpResponse<String> response = upload("edge-unknown", zip);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("edge-unknown-data");
    }

    private static void assertRejected(HttpResponse<String> response, String reason) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(reason);
    }

    private static HttpResponse<String> upload(String edgeId, byte[] zip) throws Exception {
        return send(HttpRequest.newBuilder(feeder.url("/zip?edgeId=" + edgeId))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zip)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
