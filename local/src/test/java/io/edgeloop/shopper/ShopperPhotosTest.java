package io.edgeloop.shopper;

import static io.edgeloop.shopper.ShopperCalls.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.S3TestClient;
import io.edgeloop.local.testing.TestImages;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The photo endpoints over real HTTP against a running shopper, its edge S3 and a price engine: listing newest first
 * with paging, photos and thumbnails, labelling (a move into the data bucket) and deleting, bad input, the admin token.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class ShopperPhotosTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "photos-admin-31c7";
    private static final String DATA = "photos-data";
    private static final String VALID = "photos-valid";
    private static final String UNCLASSIFIED = "photos-unclassified";
    /** The photos of the valid bucket, oldest first, put a second apart: S3 keeps times to the second. */
    private static final List<String> VALID_KEYS = new ArrayList<>();

    private static TestPlatform platform;
    private static RunningIntegration priceEngine;
    private static RunningIntegration shopper;
    private static RunningIntegration guarded;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        for (String bucket : List.of(DATA, VALID, UNCLASSIFIED)) {
            platform.edgeS3().createBucket(bucket);
        }
        // Key order is not time order: the newest photo has the smallest key of its class.
        String[] keys = {"images/tea-green/c.jpg", "images/tea-lemon/b.jpg", "images/tea-green/b.jpg",
            "images/tea-lemon/a.jpg", "images/tea-green/a.jpg"};
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                Thread.sleep(1100);
            }
            platform.edgeS3().put(VALID, keys[i], TestImages.jpeg(i));
            VALID_KEYS.add(keys[i]);
        }
        // Not photos: a folder marker and a key outside images/<item>/.
        platform.edgeS3().put(VALID, "images/tea-green/", new byte[0]);
        platform.edgeS3().put(VALID, "notes.txt", "x".getBytes(StandardCharsets.UTF_8));
        priceEngine = platform.startAnotherIntegration(Site.EDGE, "price-engine", Map.of());
        shopper = shopper("");
        guarded = shopper(TOKEN);
    }

    private static RunningIntegration shopper(String token) throws Exception {
        return platform.startAnotherIntegration(Site.EDGE, "shopper", Map.of("shopper.admin-token", token,
                "shopper.data-bucket", DATA, "shopper.valid-bucket", VALID, "shopper.unclassified-bucket", UNCLASSIFIED,
                "shopper.price-engine-url", priceEngine.url("").toString().replaceAll("/$", ""),
                "shopper.detection-topic", "detection-photos/+"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (RunningIntegration integration : new RunningIntegration[] {guarded, shopper, priceEngine}) {
            if (integration != null) {
                integration.close();
            }
        }
    }

    private static S3TestClient s3() {
        return platform.edgeS3();
    }

    private static HttpResponse<byte[]> send(RunningIntegration to, String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(to.url(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode call(String method, String path, String body, int status) throws Exception {
        HttpResponse<byte[]> response = send(shopper, method, path, body, null);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(method + " " + path + ": " + text).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(text);
    }

    private static JsonNode list(String query) throws Exception {
        return call("GET", "/photos?" + query, null, 200);
    }

    private static List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.get("photos").forEach(photo -> keys.add(photo.get("key").asText()));
        return keys;
    }

    private static List<String> newestFirst() {
        List<String> keys = new ArrayList<>(VALID_KEYS);
        java.util.Collections.reverse(keys);
        return keys;
    }

    private static String label(String bucket, String key, String product) {
        return "{\"bucket\": \"" + bucket + "\", \"key\": \"" + key + "\", \"product\": \"" + product + "\"}";
    }

    @Test
    void listsThePhotosOfABucketNewestFirst() throws Exception {
        JsonNode page = list("bucket=" + VALID);

        assertThat(keys(page)).containsExactlyElementsOf(newestFirst());
        assertThat(page.get("next").isNull()).isTrue();
        JsonNode newest = page.get("photos").get(0);
        assertThat(newest.get("bucket").asText()).isEqualTo(VALID);
        assertThat(newest.get("item").asText()).isEqualTo("tea-green");
        assertThat(newest.get("size").asLong()).isEqualTo(TestImages.jpeg(4).length);
        assertThat(newest.get("url").asText()).isEqualTo("/photos/" + VALID + "/images/tea-green/a.jpg");
        assertThat(newest.get("lastModified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void pagesFollowNextUntilItIsNull() throws Exception {
        List<String> seen = new ArrayList<>();
        String after = "";
        int pages = 0;
        JsonNode page;
        do {
            page = list("bucket=" + VALID + "&limit=2&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            assertThat(page.get("photos").size()).isLessThanOrEqualTo(2);
            seen.addAll(keys(page));
            after = page.get("next").asText();
            pages++;
        } while (!page.get("next").isNull() && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(newestFirst());
    }

    @Test
    void aPrefixListsOneClass() throws Exception {
        assertThat(keys(list("bucket=" + VALID + "&prefix=images/tea-lemon/")))
                .containsExactly("images/tea-lemon/a.jpg", "images/tea-lemon/b.jpg");
    }

    @Test
    void classesCountTheDataBucketPerItem() throws Exception {
        s3().put(DATA, "images/count-a/1.jpg", TestImages.jpeg(41));
        s3().put(DATA, "images/count-a/2.jpg", TestImages.jpeg(42));
        s3().put(DATA, "images/count-b/1.jpg", TestImages.jpeg(43));

        JsonNode classes = call("GET", "/photos/classes", null, 200);

        assertThat(classes.get("bucket").asText()).isEqualTo(DATA);
        assertThat(classes.get("classes").get("count-a").asInt()).isEqualTo(2);
        assertThat(classes.get("classes").get("count-b").asInt()).isEqualTo(1);
        assertThat(classes.get("buckets").get("unclassified").asText()).isEqualTo(UNCLASSIFIED);
    }

    @Test
    void thePhotoAndItsThumbnail() throws Exception {
        byte[] photo = TestImages.jpeg(51, 640, 480);
        s3().put(UNCLASSIFIED, "images/unknown/large.jpg", photo);
        String url = "/photos/" + UNCLASSIFIED + "/images/unknown/large.jpg";

        HttpResponse<byte[]> full = send(shopper, "GET", url, null, null);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(full.body()).isEqualTo(photo);

        for (int twice = 0; twice < 2; twice++) {
            HttpResponse<byte[]> thumb = send(shopper, "GET", url + "?size=thumb", null, null);
            assertThat(thumb.statusCode()).isEqualTo(200);
            assertThat(thumb.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(thumb.body().length).isLessThan(photo.length);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb.body()));
            assertThat(image).as("a JPEG ImageIO reads").isNotNull();
            assertThat(image.getWidth()).isEqualTo(160);
            assertThat(image.getHeight()).isEqualTo(120);
        }
    }

    @Test
    void labellingMovesThePhotoIntoTheDataBucket() throws Exception {
        byte[] photo = TestImages.jpeg(61, 200, 100);
        String key = "images/unknown/2026-12-06_08-00-00-000-abcde.jpg";
        s3().put(UNCLASSIFIED, key, photo);
        assertThat(send(shopper, "GET", "/photos/" + UNCLASSIFIED + "/" + key + "?size=thumb", null, null).statusCode())
                .isEqualTo(200);

        JsonNode labelled = call("POST", "/photos/label", label(UNCLASSIFIED, key, "Green Tea"), 200);

        String target = "images/tea-green/2026-12-06_08-00-00-000-abcde.jpg";
        assertThat(labelled.get("status").asText()).isEqualTo("labelled");
        assertThat(labelled.get("item").asText()).isEqualTo("tea-green");
        assertThat(labelled.get("key").asText()).isEqualTo(target);
        assertThat(labelled.get("url").asText()).isEqualTo("/photos/" + DATA + "/" + target);
        assertThat(s3().get(DATA, target)).isEqualTo(photo);
        assertThat(s3().keys(UNCLASSIFIED, key)).isEmpty();
        // Its thumbnail went with it.
        call("GET", "/photos/" + UNCLASSIFIED + "/" + key + "?size=thumb", null, 404);
    }

    @Test
    void anItemNameLabelsAsANewClassAndRelabellingMovesWithinData() throws Exception {
        String copy = "images/tea-green/relabel.jpg";
        s3().put(UNCLASSIFIED, copy, TestImages.jpeg(71));

        call("POST", "/photos/label", label(UNCLASSIFIED, copy, "tea-mint"), 200);
        assertThat(s3().keys(DATA, "images/tea-mint/")).containsExactly("images/tea-mint/relabel.jpg");

        call("POST", "/photos/label", label(DATA, "images/tea-mint/relabel.jpg", "Lemon Tea"), 200);
        assertThat(s3().keys(DATA, "images/tea-mint/")).isEmpty();
        assertThat(s3().keys(DATA, "images/tea-lemon/relabel.jpg")).hasSize(1);

        // As it already is: nothing moves, nothing is lost.
        call("POST", "/photos/label", label(DATA, "images/tea-lemon/relabel.jpg", "tea-lemon"), 200);
        assertThat(s3().keys(DATA, "images/tea-lemon/relabel.jpg")).hasSize(1);
    }

    @Test
    void deletingRemovesThePhoto() throws Exception {
        String key = "images/tea-green/to-delete.jpg";
        s3().put(UNCLASSIFIED, key, TestImages.jpeg(81));

        JsonNode deleted = call("DELETE", "/photos/" + UNCLASSIFIED + "/" + key, null, 200);

        assertThat(deleted.get("status").asText()).isEqualTo("deleted");
        assertThat(s3().keys(UNCLASSIFIED, key)).isEmpty();
        call("GET", "/photos/" + UNCLASSIFIED + "/" + key, null, 404);
        call("DELETE", "/photos/" + UNCLASSIFIED + "/" + key, null, 404);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "GET    | /photos?bucket=outbox                                   |                                         | 400",
        "GET    | /photos                                                 |                                         | 400",
        "GET    | /photos?bucket=photos-valid&limit=0                     |                                         | 400",
        "GET    | /photos?bucket=photos-valid&limit=ten                   |                                         | 400",
        "GET    | /photos?bucket=photos-valid&prefix=../x                 |                                         | 400",
        "GET    | /photos?bucket=photos-valid&prefix=/images              |                                         | 400",
        "GET    | /photos?bucket=photos-valid&after=yesterday             |                                         | 400",
        "GET    | /photos/outbox/images/a/b.jpg                           |                                         | 400",
        "GET    | /photos/photos-valid/notes.txt                          |                                         | 400",
        "GET    | /photos/photos-valid/images/tea-green/%2e%2e            |                                         | 400",
        "GET    | /photos/photos-valid/images/..%2F..%2Fx/b.jpg           |                                         | 400",
        "GET    | /photos/photos-valid/images/tea-green/a.jpg?size=huge   |                                         | 400",
        "GET    | /photos/photos-valid/images/tea-green/none.jpg          |                                         | 404",
        "GET    | /photos/photos-valid/images/tea-green/none.jpg?size=thumb |                                       | 404",
        "DELETE | /photos/photos-valid/images/tea-green/none.jpg          |                                         | 404",
        "GET    | /photos/nothing                                         |                                         | 400",
        "PUT    | /photos                                                 |                                         | 404",
        "POST   | /photos/label                                           | {}                                      | 400",
        "POST   | /photos/label                                           | not json                                | 400",
        "POST   | /photos/label | {\"bucket\": \"photos-valid\", \"key\": \"images/tea-green/a.jpg\"}                 | 400",
        "POST   | /photos/label | {\"bucket\": \"photos-valid\", \"key\": \"../a.jpg\", \"product\": \"Green Tea\"}    | 400",
        "POST   | /photos/label | {\"bucket\": \"outbox\", \"key\": \"images/a/b.jpg\", \"product\": \"Green Tea\"}    | 400",
        "POST   | /photos/label | {\"bucket\": \"photos-valid\", \"key\": \"images/tea-green/a.jpg\", \"product\": \"No Such Tea\"} | 400",
        "POST   | /photos/label | {\"bucket\": \"photos-valid\", \"key\": \"images/x/none.jpg\", \"product\": \"Green Tea\"} | 404",
    })
    void badRequestsAreRefusedWithJsonAndChangeNothing(String method, String path, String body, int status)
            throws Exception {
        List<String> before = s3().keys(VALID, "");

        JsonNode error = call(method, path, body, status);

        assertThat(error.get("error").asText()).isNotBlank();
        assertThat(s3().keys(VALID, "")).isEqualTo(before);
    }

    @Test
    void withATokenConfiguredThePhotoEndpointsNeedIt() throws Exception {
        String key = "images/tea-green/guarded.jpg";
        s3().put(UNCLASSIFIED, key, TestImages.jpeg(91));

        for (String[] request : new String[][] {{"GET", "/photos?bucket=" + VALID}, {"GET", "/photos/classes"},
            {"GET", "/photos/" + UNCLASSIFIED + "/" + key + "?size=thumb"}, {"DELETE", "/photos/" + UNCLASSIFIED + "/" + key},
            {"POST", "/photos/label"}}) {
            HttpResponse<byte[]> refused = send(guarded, request[0], request[1],
                    request[0].equals("POST") ? label(UNCLASSIFIED, key, "Green Tea") : null, "wrong");
            assertThat(refused.statusCode()).as(request[1]).isEqualTo(401);
        }
        assertThat(s3().keys(UNCLASSIFIED, key)).as("nothing moved or deleted").hasSize(1);
        assertThat(send(guarded, "GET", "/photos?bucket=" + VALID, null, TOKEN).statusCode()).isEqualTo(200);
        assertThat(send(guarded, "DELETE", "/photos/" + UNCLASSIFIED + "/" + key, null, TOKEN).statusCode()).isEqualTo(200);
    }
}
