package io.edgeloop.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

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
final class EdgeShop implements AutoCloseable {

    static final String MODEL = "tea_model_b64";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    static EdgeShop open(TestPlatform platform, Map<String, String> shopperSettings) throws Exception {
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
