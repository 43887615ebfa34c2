package io.edgeloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.trainer.model.LabelledImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Predict latency and throughput of a model server over HTTP (bench/predict.sh starts the server, then this): TF
 * Serving's row-format requests, one image on {@code serving_default} or a batch on {@code predict_batch}, from 1 or
 * more clients each on its own kept-alive connection; warm-up first, then a timed run per case. Every answer is
 * checked (200 and one prediction per image); any other answer fails the benchmark.
 */
@Command(name = "predict-bench", mixinStandardHelpOptions = true,
        description = "Measures predict latency (p50/p99) and throughput of a TF Serving REST endpoint.")
public final class PredictBench implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "http://localhost:8501", description = "The server.")
    String url;

    @Option(names = "--model", defaultValue = "tea_model_b64")
    String model;

    @Option(names = "--images", description = "images/<class>/* to send (default: synthetic photos).")
    Path images;

    @Option(names = "--batch", split = ",", defaultValue = "1,16,32",
            description = "Images per request: 1 uses serving_default, more predict_batch (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,4",
            description = "Clients sending at once (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrencies;

    @Option(names = "--warmup-seconds", defaultValue = "3")
    int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured time per case.")
    int seconds;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) {
        System.exit(new CommandLine(new PredictBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<LabelledImage> photos = BenchPhotos.load(images);
        List<String> encoded = photos.stream().map(photo -> Base64.getEncoder().encodeToString(photo.bytes()))
                .toList();
        System.out.printf(Locale.ROOT, "predict: %s, %d cores, %d s per case after %d s warm-up%n",
                BenchPhotos.describe(images, photos), Runtime.getRuntime().availableProcessors(), seconds,
                warmupSeconds);
        System.out.println("| request | clients | requests/s | images/s | p50 ms | p99 ms | requests |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int batch : batches) {
            List<String> bodies = bodies(encoded, batch);
            for (int clients : concurrencies) {
                LoadRun.Request predict = n -> predict(bodies.get((int) (n % bodies.size())), batch);
                LoadRun.run(clients, warmupSeconds, predict);
                LoadRun.Latencies latencies = LoadRun.run(clients, seconds, predict);
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %s | %d |%n",
                        batch == 1 ? "1 image, serving_default" : batch + " images, predict_batch", clients,
                        latencies.perSecond(), latencies.perSecond() * batch, latencies.percentileCells(),
                        latencies.count());
            }
        }
        return 0;
    }

    /** Request bodies cycling through the photos, so the server decodes a different image each time. */
    private List<String> bodies(List<String> encoded, int batch) {
        List<String> bodies = new ArrayList<>();
        for (int first = 0; first < Math.min(encoded.size(), 64); first++) {
            List<String> images = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                images.add(encoded.get((first * batch + i) % encoded.size()));
            }
            bodies.add(predictBody(images));
        }
        return bodies;
    }

    /** TF Serving's row-format request for base64 images: one on serving_default, more on predict_batch. */
    static String predictBody(List<String> base64Images) {
        List<String> instances = base64Images.stream().map(image -> "{\"b64\": \"" + image + "\"}").toList();
        return (instances.size() == 1 ? "{" : "{\"signature_name\": \"predict_batch\", ") + "\"instances\": ["
                + String.join(", ", instances) + "]}";
    }

    private void predict(String body, int batch) throws Exception {
        checkPredictions(http.send(postJson(URI.create(url + "/v1/models/" + model + ":predict"), body),
                HttpResponse.BodyHandlers.ofString()), batch);
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
