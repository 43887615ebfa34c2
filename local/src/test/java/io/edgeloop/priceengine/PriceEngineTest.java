package io.edgeloop.priceengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

@ExtendWith(EdgeLoopPlatformExtension.class)
class PriceEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningIntegration priceEngine;

    @BeforeAll
    static void start(TestPlatform platform) throws Exception {
        priceEngine = platform.startIntegration(Site.EDGE, "price-engine");
    }

    @AfterAll
    static void stop() throws Exception {
        priceEngine.close();
    }

    @Test
    void priceOfAnItemByQueryParameter() throws Exception {
        HttpResponse<String> response = get("/price?item=tea-green");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"item\":\"tea-green\",\"label\":\"Green Tea\",\"price\":2.99}"));
    }

    @Test
    void priceOfAnItemByHeaderAsTheShopperSendsIt() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(priceEngine.url("/price"))
                .header("item", "tea-lemon").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("price").asDouble()).isEqualTo(4.99);
    }

    @Test
    void otherCarriesTheProductsToChooseFrom() throws Exception {
        JsonNode body = JSON.readTree(get("/price?item=other").body());

        assertThat(body.get("item").asText()).isEqualTo("other");
        assertThat(body.get("price").asText()).isEqualTo("N/A");
        assertThat(body.get("products")).extracting(JsonNode::asText)
                .containsExactly("Earl Grey Tea", "Green Tea", "Lemon Tea", "Licorice Tea");
    }

    @Test
    void unknownItemIs404WithJsonError() throws Exception {
        HttpResponse<String> response = get("/price?item=tea-mint");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("tea-mint");
    }

    @Test
    void missingItemIs400WithJsonError() throws Exception {
        HttpResponse<String> response = get("/price");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("item");
    }

    @Test
    void itemOfALabel() throws Exception {
        HttpResponse<String> response = post("/item", "{\"product\": \"Green Tea\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"item\":\"tea-green\"}"));
    }

    @Test
    void unknownLabelIs404WithJsonError() throws Exception {
        HttpResponse<String> response = post("/item", "{\"product\": \"Mint Tea\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("Mint Tea");
    }

    @Test
    void malformedJsonIs400WithJsonError() throws Exception {
        HttpResponse<String> response = post("/item", "{\"product\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("product");
    }

    @Test
    void missingProductFieldIs400WithJsonError() throws Exception {
        HttpResponse<String> response = post("/item", "{\"name\": \"Green Tea\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).has("error")).isTrue();
    }

    @Test
    void productsListsTheCatalogue() throws Exception {
        HttpResponse<String> response = get("/products");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode catalogue = JSON.readTree(response.body());
        assertThat(catalogue).hasSize(5);
        assertThat(catalogue).extracting(item -> item.get("item").asText())
                .containsExactly("tea-earl-grey", "tea-green", "tea-lemon", "tea-licorice", "other");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(priceEngine.url(path)).GET());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(priceEngine.url(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
