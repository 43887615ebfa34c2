package io.edgeloop.system.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shopper serves its web app under /ui/ from the web root and the webjars, and nothing else: no file outside
 * the root (encoded dot segments, symbolic links), no hidden file, not the working directory or classpath root
 * that Camel Main's own static serving would expose.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class WebAppServingTest {

    private static final String SECRET = "s3.secretKey=do-not-serve";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestPlatform platform;
    private static RunningIntegration shopper;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        Path site = Files.createTempDirectory("web-site");
        Path root = Files.createDirectories(site.resolve("web"));
        Files.writeString(root.resolve("index.html"), "<h1>home</h1>");
        Files.writeString(root.resolve("app.js"), "console.log('app');");
        Files.writeString(root.resolve("style.css"), "body {}");
        Files.writeString(Files.createDirectories(root.resolve("sub")).resolve("page.html"), "<h1>page</h1>");
        Files.writeString(root.resolve("notes.md"), "# not a web file");
        Files.writeString(root.resolve(".env.json"), SECRET);
        Files.writeString(site.resolve("secret.txt"), SECRET);
        Files.createSymbolicLink(root.resolve("linked.txt"), site.resolve("secret.txt"));
        shopper = platform.startIntegration(Site.EDGE, "shopper", Map.of("shopper.web-root", root.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        shopper.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(shopper.url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/ui"})
    void theRootAndTheBareMountPointRedirectToTheWebApp(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/ui/");
    }

    @ParameterizedTest
    @CsvSource({
        "/ui/, text/html; charset=utf-8, <h1>home</h1>",
        "/ui/sub/page.html, text/html; charset=utf-8, <h1>page</h1>",
        "/ui/app.js, text/javascript; charset=utf-8, console.log('app');",
        "/ui/style.css, text/css; charset=utf-8, body {}",
    })
    void filesOfTheWebRootAreServedWithTheirTypeAndShortCaching(String path, String type, String content) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(type);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=60");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void theBrowsersMqttClientComesFromItsWebjar() throws Exception {
        HttpResponse<String> response = get("/ui/webjars/paho-mqtt/1.1.0/paho-mqtt.js");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(response.body()).contains("Paho.Client");
    }

    @Test
    void configTellsTheMonitorPageWhereToListen() throws Exception {
        HttpResponse<String> response = get("/ui/config.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode config = JSON.readTree(response.body());
        assertThat(config.path("mqttUrl").asText()).isEqualTo(platform.platform().infrastructure().mqtt().webSocketUrl());
        assertThat(config.path("monitorTopic").asText()).isEqualTo("monitor");
        assertThat(config.path("edgeId").asText()).isEqualTo(platform.config().edgeId());
        assertThat(config.path("eventsTopic").asText()).isEqualTo("monitor/events");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/ui/..%2Fsecret.txt",
        "/ui/%2e%2e%2fsecret.txt",
        "/ui/sub/..%2F..%2Fsecret.txt",
        "/ui/linked.txt",
        "/ui/.env.json",
        "/ui/sub/..%2F.env.json",
        "/ui/notes.md",
        "/ui/missing.html",
        "/ui/sub/",
        "/ui/webjars/paho-mqtt/1.1.0/.npm/_logs/2018-11-22T11_46_27_151Z-debug.log",
        "/ui/webjars/..%2F..%2Flog4j2-test.xml",
        "/uifoo.html",
    })
    void nothingElseUnderTheMountPointIsServed(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body()).path("error").asText()).startsWith("no such page: ");
        assertThat(response.body()).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.edgeloop/edge.properties", "/routes/edge/shopper/application.properties", "/edgeloop-defaults.properties",
        "/log4j2-test.xml", "/ui/../pom.xml"})
    void neitherTheWorkingDirectoryNorTheClasspathRootIsServed(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void camelHeadersSentByTheClientAreIgnored() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(shopper.url("/ui/missing.html"))
                .header("CamelHttpPath", "/ui/app.js").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void onlyGetIsAnswered() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(shopper.url("/ui/app.js"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }
}
