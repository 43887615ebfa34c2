package io.edgeloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.trainer.model.LabelledImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
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
                run(bodies, batch, clients, warmupSeconds);
                long[] latencies = run(bodies, batch, clients, seconds);
                Arrays.sort(latencies);
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %d |%n",
                        batch == 1 ? "1 image, serving_default" : batch + " images, predict_batch", clients,
                        latencies.length / (double) seconds, latencies.length * batch / (double) seconds,
                        percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6, latencies.length);
            }
        }
        return 0;
    }

    /** Request bodies cycling through the photos, so the server decodes a different image each time. */
    private List<String> bodies(List<String> encoded, int batch) {
        List<String> bodies = new ArrayList<>();
        for (int first = 0; first < Math.min(encoded.size(), 64); first++) {
            List<String> instances = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                instances.add("{\"b64\": \"" + encoded.get((first * batch + i) % encoded.size()) + "\"}");
            }
            bodies.add((batch == 1 ? "{" : "{\"signature_name\": \"predict_batch\", ") + "\"instances\": ["
                    + String.join(", ", instances) + "]}");
        }
        return bodies;
    }

    /** Sends from {@code clients} threads for {@code duration} seconds; every request's latency in nanoseconds. */
    private long[] run(List<String> bodies, int batch, int clients, int duration) throws Exception {
        long deadline = System.nanoTime() + duration * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                results.add(threads.submit(() -> {
                    long[] latencies = new long[1024];
                    int count = 0;
                    while (System.nanoTime() < deadline) {
                        String body = bodies.get((int) (next.getAndIncrement() % bodies.size()));
                        long started = System.nanoTime();
                        predict(body, batch);
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - started;
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> result : results) {
                all.add(result.get());
            }
            return all.stream().flatMapToLong(Arrays::stream).toArray();
        } finally {
            threads.shutdownNow();
        }
    }

    private void predict(String body, int batch) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/models/" + model + ":predict"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode predictions = response.statusCode() == 200 ? JSON.readTree(response.body()).get("predictions") : null;
        int expected = batch == 1 ? 2 : batch;
        if (predictions == null || predictions.size() != expected) {
            throw new IllegalStateException("Unexpected answer " + response.statusCode() + ": " + response.body());
        }
    }

    private static long percentile(long[] sorted, double share) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
    }
}
