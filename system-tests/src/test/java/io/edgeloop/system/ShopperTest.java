package io.edgeloop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.MqttTestClient;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.S3TestClient;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shopper's contracts against a real model server with a trained model, the price engine, S3 and MQTT. */
@ExtendWith(EdgeLoopPlatformExtension.class)
class ShopperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EVENT = Duration.ofSeconds(10);
    private static final long MAX_IMAGE_BYTES = 200_000;

    private static EdgeShop shop;
    private static S3TestClient edgeS3;
    private static MqttTestClient mqtt;
    private static byte[] greenTea;
    private static byte[] otherProduct;

    @BeforeAll
    static void open(TestPlatform platform) throws Exception {
        shop = EdgeShop.open(platform, Map.of("shopper.max-image-bytes", Long.toString(MAX_IMAGE_BYTES)));
        edgeS3 = platform.edgeS3();
        mqtt = platform.mqttOverTcp().subscribe("monitor").subscribe("response/#");
        greenTea = shop.photoOf("tea-green");
        otherProduct = shop.photoOf("other");
    }

    @AfterAll
    static void close() throws Exception {
        mqtt.close();
        shop.close();
    }

    @Test
    void knownProductAnswersItsPriceTagStoresThePhotoInValidAndTellsTheMonitor() throws Exception {
        List<String> validBefore = edgeS3.keys("valid", "images/tea-green/");

        HttpResponse<String> response = EdgeShop.post(shop.shopper().url("/detection"), EdgeShop.imageJson(greenTea));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("known").asBoolean()).isTrue();
        assertThat(answer.get("pricetag").asText()).isEqualTo("Green Tea: 2.99");
        assertThat(answer.get("item").asText()).isEqualTo("tea-green");
        assertThat(answer.get("label").asText()).isEqualTo("Green Tea");
        assertThat(answer.get("probability").asDouble()).isBetween(0.6, 1.0);
        assertThat(answer.get("modelVersion").asInt()).isEqualTo(1);
        assertThat(answer.get("products")).isEmpty();
        List<String> stored = newKeys("valid", "images/tea-green/", validBefore);
        assertThat(stored).hasSize(1).allMatch(key -> key.matches("images/tea-green/[0-9_-]+-[0-9a-f]+\\.jpg"));
        assertThat(edgeS3.get("valid", stored.get(0))).isEqualTo(greenTea);
        MqttTestClient.Received event = mqtt.nextContaining("\"item\":\"Green Tea\",\"price\":\"2.99\"", EVENT);
        assertThat(event).isNotNull();
        assertThat(event.payload()).isEqualTo(
                "{\"origin\":\"http\",\"valid\":true,\"item\":\"Green Tea\",\"price\":\"2.99\",\"name\":\"detection\"}");
    }

    @Test
    void unknownProductAnswersTheProductsToChooseFromAndStoresThePhotoInUnclassified() throws Exception {
        List<String> before = edgeS3.keys("unclassified", "images/other/");

        HttpResponse<String> response = EdgeShop.post(shop.shopper().url("/detection"), EdgeShop.imageJson(otherProduct));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("known").asBoolean()).isFalse();
        assertThat(answer.get("pricetag").isNull()).isTrue();
        assertThat(answer.get("item").asText()).isEqualTo("other");
        assertThat(answer.get("modelVersion").asInt()).isEqualTo(1);
        assertThat(answer.get("products")).extracting(JsonNode::asText)
                .containsExactly("Earl Grey Tea", "Green Tea", "Lemon Tea", "Licorice Tea");
        assertThat(newKeys("unclassified", "images/other/", before)).hasSize(1);
    }

    @Test
    void rawImageBodyOnBinaryIsDetectedTheSameWay() throws Exception {
        HttpResponse<String> response = EdgeShop.post(shop.shopper().url("/binary"), greenTea);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("pricetag").asText()).isEqualTo("Green Tea: 2.99");
    }

    @Test
    void mqttDetectionIsAnsweredOnTheClientsResponseTopic() throws Exception {
        String client = "till-" + UUID.randomUUID().toString().substring(0, 8);

        mqtt.publish("detection/" + client, EdgeShop.imageJson(greenTea));

        MqttTestClient.Received answer = mqtt.nextContaining("Green Tea: 2.99", EVENT);
        assertThat(answer).isNotNull();
        assertThat(answer.topic()).isEqualTo("response/detection/" + client);
        assertThat(JSON.readTree(answer.payload()).get("modelVersion").asInt()).isEqualTo(1);
    }

    @Test
    void badMqttDetectionIsAnsweredWithAnError() throws Exception {
        String client = "till-" + UUID.randomUUID().toString().substring(0, 8);

        mqtt.publish("detection/" + client, "{\"image\": \"not base64!\"}");

        MqttTestClient.Received answer = mqtt.nextContaining("not valid base64", EVENT);
        assertThat(answer).isNotNull();
        assertThat(answer.topic()).isEqualTo("response/detection/" + client);
    }

    @Test
    void badInputIsRefusedWith400AndNothingIsStored() throws Exception {
        long storedBefore = storedPhotos();
        Map<String, String> cases = Map.of(
                "{not json", "body must be JSON",
                "{\"photo\": \"abc\"}", "missing \"image\"",
                "{\"image\": \"%%%\"}", "\"image\" is not valid base64",
                "{\"image\": \"aGVsbG8gd29ybGQ=\"}", "not an image: expected a JPEG or PNG photo",
                EdgeShop.imageJson(oversizedJpeg()), "over the limit of 200000 bytes");

        for (var badCase : cases.entrySet()) {
            HttpResponse<String> response = EdgeShop.post(shop.shopper().url("/detection"), badCase.getKey());
            assertThat(response.statusCode()).as(badCase.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("error").asText()).contains(badCase.getValue());
        }
        HttpResponse<String> binary = EdgeShop.post(shop.shopper().url("/binary"), "plain text".getBytes());
        assertThat(binary.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(binary.body()).get("error").asText()).isEqualTo("not an image: expected a JPEG or PNG photo");
        assertThat(storedPhotos()).isEqualTo(storedBefore);
    }

    @Test
    void aPhotoTheModelCannotDecodeIsRefusedWith400() throws Exception {
        byte[] truncated = Arrays.copyOf(greenTea, 40);

        HttpResponse<String> response = EdgeShop.post(shop.shopper().url("/detection"), EdgeShop.imageJson(truncated));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).startsWith("the model cannot read this image");
    }

    @Test
    void modelServerDownAnswers503AndKeepsThePhotoInUnclassified() throws Exception {
        List<String> before = edgeS3.keys("unclassified", "images/unknown/");
        try (RunningIntegration blind = shop.anotherShopper(
                Map.of("shopper.model-server-url", "http://localhost:" + FreePorts.next()))) {

            HttpResponse<String> response = EdgeShop.post(blind.url("/detection"), EdgeShop.imageJson(greenTea));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("error").asText()).startsWith("model server unreachable");
            List<String> kept = newKeys("unclassified", "images/unknown/", before);
            assertThat(kept).hasSize(1);
            assertThat(edgeS3.get("unclassified", kept.get(0))).isEqualTo(greenTea);
        }
    }

    @Test
    void priceEngineDownAnswers503AndKeepsThePhotoOnceWhereTheModelPutsIt() throws Exception {
        List<String> validBefore = edgeS3.keys("valid", "images/tea-green/");
        long photosBefore = storedPhotos();
        try (RunningIntegration priceless = shop.anotherShopper(
                Map.of("shopper.price-engine-url", "http://localhost:" + FreePorts.next()))) {

            HttpResponse<String> response = EdgeShop.post(priceless.url("/detection"), EdgeShop.imageJson(greenTea));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("error").asText()).startsWith("price engine unreachable");
            // Stored beside the price lookup, under the model's verdict, and not a second time by the failure.
            List<String> kept = newKeys("valid", "images/tea-green/", validBefore);
            assertThat(kept).hasSize(1);
            assertThat(edgeS3.get("valid", kept.get(0))).isEqualTo(greenTea);
            assertThat(storedPhotos()).isEqualTo(photosBefore + 1);
        }
    }

    @Test
    void photoThatCannotBeStoredAnswers503NotTheDetection() throws Exception {
        try (RunningIntegration bucketless = shop.anotherShopper(Map.of("shopper.valid-bucket", "no-such-bucket"))) {

            HttpResponse<String> response = EdgeShop.post(bucketless.url("/detection"), EdgeShop.imageJson(greenTea));

            // The PUT runs beside the price lookup, which succeeds: a detection answered must still be a photo stored.
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("error").asText()).startsWith("bucket no-such-bucket cannot be written");
        }
    }

    @Test
    void ingestionStoresTheLabelledPhotoUnderItsItemAndTellsTheMonitor() throws Exception {
        HttpResponse<String> response = EdgeShop.post(shop.shopper().url("/ingestion"),
                "{\"image\": \"" + Base64.getEncoder().encodeToString(otherProduct) + "\", \"product\": \"Lemon Tea\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("status").asText()).isEqualTo("done");
        assertThat(answer.get("item").asText()).isEqualTo("tea-lemon");
        String key = answer.get("key").asText();
        assertThat(key).startsWith("images/tea-lemon/").endsWith(".jpg");
        assertThat(edgeS3.get("data", key)).isEqualTo(otherProduct);
        JsonNode event = JSON.readTree(mqtt.nextContaining("\"ingestion\"", EVENT).payload());
        assertThat(event.get("item").asText()).isEqualTo("tea-lemon");
        assertThat(event.get("valid").asBoolean()).isTrue();
    }

    @Test
    void ingestionOfAnUnknownOrMissingProductIsRefusedWith400() throws Exception {
        long storedBefore = storedPhotos();
        String image = Base64.getEncoder().encodeToString(greenTea);

        HttpResponse<String> unknown = EdgeShop.post(shop.shopper().url("/ingestion"),
                "{\"image\": \"" + image + "\", \"product\": \"Coffee\"}");
        HttpResponse<String> missing = EdgeShop.post(shop.shopper().url("/ingestion"), "{\"image\": \"" + image + "\"}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("unknown product: Coffee");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).startsWith("missing \"product\"");
        assertThat(storedPhotos()).isEqualTo(storedBefore);
    }

    @Test
    void ingestionOptionsListTheConfiguredProducts() throws Exception {
        HttpResponse<String> response = EdgeShop.get(shop.shopper().url("/ingestion/options"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode configured = JSON.readTree(Files.readString(
                Path.of(System.getProperty("edgeloop.home"), "catalogue", "training-options.json")));
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.createObjectNode().set("products", configured));
    }

    private static List<String> newKeys(String bucket, String prefix, List<String> before) {
        await().atMost(EVENT).until(() -> edgeS3.keys(bucket, prefix).size() > before.size());
        return edgeS3.keys(bucket, prefix).stream().filter(key -> !before.contains(key)).toList();
    }

    private static long storedPhotos() {
        return List.of("valid", "unclassified", "data").stream().mapToLong(b -> edgeS3.keys(b, "").size()).sum();
    }

    private static byte[] oversizedJpeg() {
        byte[] jpeg = new byte[(int) MAX_IMAGE_BYTES + 1];
        System.arraycopy(greenTea, 0, jpeg, 0, greenTea.length);
        return jpeg;
    }
}
