package io.edgeloop.system.camelrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.TestImages;
import io.edgeloop.local.testing.TestPlatform;
import io.edgeloop.local.testing.ZipBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each stage started the way its README says, with the official Camel CLI and nothing else:
 * {@code bin/camel run routes/<site>/<stage>/* --local-kamelet-dir kamelets --properties <site connection file>},
 * from the repository root, against the running infrastructure; each must then answer on its port.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class CamelRunStagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestPlatform platform;

    @TempDir
    static Path logs;

    @BeforeAll
    static void infrastructure(TestPlatform testPlatform) {
        platform = testPlatform;
    }

    @Test
    void priceEngineAnswersAPrice() throws Exception {
        try (CamelRun stage = start(Site.EDGE, "price-engine")) {
            HttpResponse<String> price = get(stage, "/price?item=tea-green");

            assertThat(price.statusCode()).as(stage.output()).isEqualTo(200);
            JsonNode answer = JSON.readTree(price.body());
            assertThat(answer.path("item").asText()).isEqualTo("tea-green");
            assertThat(answer.path("price").isNumber()).as(price.body()).isTrue();
        }
    }

    @Test
    void feederStoresASmallZip() throws Exception {
        String edgeId = platform.config().edgeIds().get(0);
        byte[] zip = new ZipBuilder().add("images/camel-run/one.jpg", TestImages.jpeg(7)).build();
        try (CamelRun stage = start(Site.CENTRAL, "feeder")) {
            HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(stage.url("/zip?edgeId=" + edgeId))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(upload.statusCode()).as(upload.body() + stage.output()).isEqualTo(200);
            assertThat(platform.centralS3().keys(edgeId + "-data", "images/camel-run/"))
                    .containsExactly("images/camel-run/one.jpg");
        }
    }

    @Test
    void shopperOffersTheProductsToLabel() throws Exception {
        try (CamelRun stage = start(Site.EDGE, "shopper")) {
            HttpResponse<String> options = get(stage, "/ingestion/options");

            assertThat(options.statusCode()).as(stage.output()).isEqualTo(200);
            List<String> products = new ArrayList<>();
            JSON.readTree(options.body()).path("products").forEach(product -> products.add(product.asText()));
            assertThat(products).as(options.body()).contains("Green Tea");
        }
    }

    /** The photo routes' beans under the CLI too: Thumbnail compiled from the stage folder, the thumbnails cache. */
    @Test
    void shopperServesAThumbnail() throws Exception {
        String key = "images/camel-run/thumb-" + System.nanoTime() + ".jpg";
        platform.edgeS3().put("unclassified", key, TestImages.jpeg(9, 400, 300));
        try (CamelRun stage = start(Site.EDGE, "shopper")) {
            HttpResponse<byte[]> thumbnail = HTTP.send(HttpRequest.newBuilder(stage.url("/photos/unclassified/" + key
                    + "?size=thumb")).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(thumbnail.statusCode()).as(stage.output()).isEqualTo(200);
            assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail.body())).getWidth())
                    .isEqualTo(160);
        }
    }

    @Test
    void deliveryIsHealthy() throws Exception {
        assertHealthy(Site.CENTRAL, "delivery");
    }

    @Test
    void managerIsHealthy() throws Exception {
        assertHealthy(Site.EDGE, "manager");
    }

    @Test
    void monitorIsHealthy() throws Exception {
        assertHealthy(Site.EDGE, "monitor");
    }

    private static void assertHealthy(Site site, String name) throws Exception {
        try (CamelRun stage = start(site, name)) {
            HttpResponse<String> health = get(stage, "/observe/health");

            assertThat(health.statusCode()).as(health.body() + stage.output()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
        }
    }

    private static CamelRun start(Site site, String name) throws Exception {
        Path home = platform.config().home();
        Path connections = platform.platform().connectionFile(site);
        assertThat(connections).exists();
        CamelRun stage = CamelRun.start(home, "routes/" + site.folder() + "/" + name, connections,
                FreePorts.next(), Files.createTempFile(logs, name, ".log"));
        stage.awaitHealthy(Duration.ofSeconds(120));
        return stage;
    }

    private static HttpResponse<String> get(CamelRun stage, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stage.url(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
