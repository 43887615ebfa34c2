package io.edgeloop.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The original demo's URLs at the root lead to the same pages of the web app, over real HTTP. */
@ExtendWith(EdgeLoopPlatformExtension.class)
class ShopperRedirectTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static RunningIntegration shopper;

    @BeforeAll
    static void start(TestPlatform platform) throws Exception {
        shopper = platform.startIntegration(Site.EDGE, "shopper");
    }

    @AfterAll
    static void stop() throws Exception {
        if (shopper != null) {
            shopper.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "monitor.html", "admin.html", "detection.html", "ingestion.html"})
    void anOriginalPageAtTheRootRedirectsToTheWebApp(String page) throws Exception {
        HttpResponse<String> answer = get("/" + page);

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("/ui/" + page);
        HttpResponse<String> target = get("/ui/" + page);
        assertThat(target.statusCode()).isEqualTo(200);
        assertThat(target.body()).contains("<!DOCTYPE html>");
    }

    @Test
    void theRootStillRedirectsToTheWebAppsIndex() throws Exception {
        HttpResponse<String> answer = get("/");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("/ui/");
    }

    @Test
    void otherPathsAtTheRootAreNotRedirected() throws Exception {
        assertThat(get("/edgeloop.properties").statusCode()).isEqualTo(404);
        assertThat(get("/topics.html").headers().firstValue("Location")).isEmpty();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(shopper.url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
