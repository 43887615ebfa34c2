package io.edgeloop.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.dataset.SyntheticDataset;
import io.edgeloop.dataset.SyntheticImage;

import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import io.edgeloop.modelserver.ModelServer;
import io.edgeloop.modelserver.ServerSettings;

/**
 * An edge shop as it runs: the model server serving version 1 of the trainer's classifier, the price engine
 * and the shopper pointed at both, on the shared test platform.
 */
public final class EdgeShop implements AutoCloseable {

    static final String MODEL = "tea_model_b64";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestPlatform platform;
    private final ModelServer modelServer;
    private final RunningIntegration priceEngine;
    private final RunningIntegration shopper;

    private EdgeShop(TestPlatform platform, ModelServer modelServer, RunningIntegration priceEngine,
            RunningIntegration shopper) {
        this.platform = platform;
        this.modelServer = modelServer;
        this.priceEngine = priceEngine;
        this.shopper = shopper;
    }

    public static EdgeShop open(TestPlatform platform, Map<String, String> shopperSettings) throws Exception {
        Path base = Files.createTempDirectory("shop-models").resolve(MODEL);
        TrainedModels.classifier().exportSavedModel(base.resolve("1"));
        ModelServer modelServer = ModelServer.start(ServerSettings.defaults(MODEL, base).withRestPort(FreePorts.next()));
        RunningIntegration priceEngine = platform.startIntegration(Site.EDGE, "price-engine");
        Map<String, String> settings = new LinkedHashMap<>(shopperSettings);
        settings.put("shopper.model-server-url", "http://localhost:" + modelServer.port());
        return new EdgeShop(platform, modelServer, priceEngine, platform.startIntegration(Site.EDGE, "shopper", settings));
    }

    /** A second shopper on its own port, e.g. pointed at a service that is down. */
    RunningIntegration anotherShopper(Map<String, String> settings) throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("shopper.model-server-url", "http://localhost:" + modelServer.port());
        // Only the main shopper answers MQTT detections.
        all.put("shopper.detection-topic", "detection-elsewhere/+");
        all.putAll(settings);
        return platform.startAnotherIntegration(Site.EDGE, "shopper", all);
    }

    RunningIntegration shopper() {
        return shopper;
    }

    /** The shopper's URL of a path, e.g. {@code /ui/detection.html}. */
    public URI url(String path) {
        return shopper.url(path);
    }

    /**
     * A photo of the item (not one the model was trained on) that the served model itself predicts as that item
     * with a probability of at least 0.6, the shopper's threshold for a known product.
     */
    public byte[] photoOf(String item) throws Exception {
        for (SyntheticImage photo : new SyntheticDataset(List.of(item), 8, 96, 2024).images().toList()) {
            JsonNode prediction = JSON.readTree(directPrediction(photo.jpeg())).path("predictions");
            if (prediction.path(0).asText().equals(item) && prediction.path(1).asDouble() >= 0.6) {
                return photo.jpeg();
            }
        }
        throw new IllegalStateException("the served model predicts no synthetic photo of " + item + " confidently");
    }

    TestPlatform platform() {
        return platform;
    }

    URI modelServerUrl(String path) {
        return URI.create("http://localhost:" + modelServer.port() + path);
    }

    /** What the model server itself answers for a photo: {@code [label, probability]}. */
    String directPrediction(byte[] photo) throws Exception {
        return post(modelServerUrl("/v1/models/" + MODEL + ":predict"),
                "{\"instances\": [{\"b64\": \"" + Base64.getEncoder().encodeToString(photo) + "\"}]}").body();
    }

    static HttpResponse<String> post(URI url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(URI url, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> put(URI url, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String imageJson(byte[] photo) {
        return "{\"image\": \"" + Base64.getEncoder().encodeToString(photo) + "\"}";
    }

    @Override
    public void close() throws Exception {
        shopper.close();
        priceEngine.close();
        modelServer.close();
    }
}
