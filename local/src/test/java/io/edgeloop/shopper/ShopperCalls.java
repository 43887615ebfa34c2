package io.edgeloop.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.testing.MqttTestClient;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.S3TestClient;
import io.edgeloop.local.testing.TestImages;

/** What the shopper's shipping tests do with a running shopper: photos to ship, POST /zip, the status, the events. */
final class ShopperCalls {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration EVENT = Duration.ofSeconds(30);

    private ShopperCalls() {
    }

    /** Labelled photos as the ingestion stores them, put into an edge's data bucket. */
    static Map<String, byte[]> putPhotos(S3TestClient edgeS3, String dataBucket, int count, int seed) {
        Map<String, byte[]> photos = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = "images/" + (i % 2 == 0 ? "tea-green" : "tea-lemon") + "/photo-" + seed + "-" + i + ".jpg";
            byte[] photo = TestImages.jpeg(seed * 100_000L + i);
            edgeS3.put(dataBucket, key, photo);
            photos.put(key, photo);
        }
        return photos;
    }

    static HttpResponse<String> ship(RunningIntegration shopper) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(shopper.url("/zip")).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON of an answer that must have this status. */
    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    static JsonNode status(RunningIntegration shopper) throws Exception {
        return json(HTTP.send(HttpRequest.newBuilder(shopper.url("/admin/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString()), 200);
    }

    /** The next event of this name on the MQTT monitor topic. */
    static JsonNode event(MqttTestClient monitor, String name) throws Exception {
        MqttTestClient.Received event = monitor.nextContaining("\"" + name + "\"", EVENT);
        assertThat(event).as("%s event on MQTT monitor", name).isNotNull();
        return JSON.readTree(event.payload());
    }
}
