package io.edgeloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Predictions over TF Serving's REST API: row-format requests ({@code {"instances": [{"b64": ...}]}}), each client
 * on its own kept-alive HTTP/1.1 connection; an answer counts when it is 200 with one prediction per image.
 */
final class RestPredict implements PredictPath {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI predict;

    RestPredict(String url, String model) {
        this.predict = URI.create(url + "/v1/models/" + model + ":predict");
    }

    @Override
    public String name() {
        return "REST";
    }

    @Override
    public LoadRun.Request requests(List<List<byte[]>> groups) {
        List<String> bodies = groups.stream().map(images -> predictBody(images.stream()
                .map(image -> Base64.getEncoder().encodeToString(image)).toList())).toList();
        int images = groups.get(0).size();
        return n -> checkPredictions(http.send(postJson(predict, bodies.get((int) (n % bodies.size()))),
                HttpResponse.BodyHandlers.ofString()), images);
    }

    /** TF Serving's row-format request for base64 images: one on serving_default, more on predict_batch. */
    static String predictBody(List<String> base64Images) {
        List<String> instances = base64Images.stream().map(image -> "{\"b64\": \"" + image + "\"}").toList();
        return (instances.size() == 1 ? "{" : "{\"signature_name\": \"predict_batch\", ") + "\"instances\": ["
                + String.join(", ", instances) + "]}";
    }

    static HttpRequest postJson(URI url, String body) {
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Fails unless the answer is 200 with the predictions of {@code images} images ([label, probability] for one). */
    static void checkPredictions(HttpResponse<String> response, int images) throws IOException {
        JsonNode predictions = response.statusCode() == 200 ? JSON.readTree(response.body()).get("predictions") : null;
        int expected = images == 1 ? 2 : images;
        if (predictions == null || predictions.size() != expected) {
            throw new IllegalStateException("Unexpected answer " + response.statusCode() + ": " + response.body());
        }
    }
}
