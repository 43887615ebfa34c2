package io.edgeloop.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.trainer.model.ClassifierTrainer;
import io.edgeloop.trainer.model.LabelledImage;
import io.edgeloop.trainer.model.TrainedClassifier;
import io.edgeloop.trainer.model.TrainingOptions;
import io.edgeloop.trainer.publish.ModelRepository;
import io.edgeloop.trainer.publish.VersionPublisher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Rollout time of a running platform (bench/rollout.sh starts {@code edgeloop up}, then this): publishes model
 * versions into {@code <edge>-ready} as the trainer does, while clients keep asking the edge model server through
 * the v2 infer API, whose answers name the version that produced them. A version's rollout time runs from its
 * manifest landing in ready to the first answer it gives; every answer must succeed.
 */
@Command(name = "rollout-bench", mixinStandardHelpOptions = true,
        description = "Measures the time from a version's manifest in <edge>-ready to its first served answer.")
public final class RolloutBench implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    @Option(names = "--central", required = true, description = "central.properties of the running platform.")
    Path central;

    @Option(names = "--edge", defaultValue = "edge1")
    String edge;

    @Option(names = "--model", defaultValue = "tea_model_b64")
    String model;

    @Option(names = "--url", defaultValue = "http://localhost:8501", description = "The edge model server.")
    String url;

    @Option(names = "--images", description = "images/<class>/* to train on and send (default: synthetic photos).")
    Path images;

    @Option(names = "--versions", defaultValue = "6", description = "Versions to roll out (default: ${DEFAULT-VALUE}).")
    int versions;

    @Option(names = "--clients", defaultValue = "4", description = "Clients predicting meanwhile (default: ${DEFAULT-VALUE}).")
    int clients;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Long, Long> firstAnswerNanos = new ConcurrentHashMap<>();
    private final AtomicLong answers = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) {
        System.exit(new CommandLine(new RolloutBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<LabelledImage> photos = BenchPhotos.load(images);
        Properties connection = new Properties();
        try (Reader in = Files.newBufferedReader(central)) {
            connection.load(in);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(clients);
        List<Double> rollouts = new ArrayList<>();
        try (CentralS3 centralS3 = CentralS3.connect(connection);
                TrainedClassifier classifier = new ClassifierTrainer(TrainingOptions.defaults())
                        .train(photos, (epoch, epochs, loss, accuracy) -> { })) {
            S3Client s3 = centralS3.client();
            VersionPublisher trainer = new VersionPublisher(new ModelRepository(s3, edge + "-models", model),
                    new ModelRepository(s3, edge + "-ready", model), model, edge, "rollout-bench",
                    Files.createTempDirectory("rollout-bench"));
            System.out.printf("%s, %d clients predicting through v2 infer%n", BenchPhotos.describe(images, photos), clients);
            for (int i = 0; i < clients; i++) {
                int client = i;
                load.submit(() -> inferUntilStopped(photos, client, running));
            }
            for (int i = 0; i < versions; i++) {
                int version = trainer.publish(classifier, TrainingOptions.defaults(), photos.size(), List.of());
                long landed = System.nanoTime();
                double seconds = (awaitFirstAnswer(version) - landed) / 1e9;
                rollouts.add(seconds);
                System.out.printf(Locale.ROOT, "version %d: first answer %.2f s after its manifest landed in %s-ready%n",
                        version, seconds, edge);
            }
        } finally {
            running.set(false);
            load.shutdown();
            load.awaitTermination(30, TimeUnit.SECONDS);
        }
        // The first version may have been served before the clients started: report the swaps only.
        List<Double> swaps = rollouts.subList(1, rollouts.size()).stream().sorted().toList();
        System.out.printf(Locale.ROOT, "rollout of %d swaps: median %.2f s, max %.2f s; %d answers, %d failed%n",
                swaps.size(), swaps.get(swaps.size() / 2), swaps.get(swaps.size() - 1), answers.get(), failures.size());
        failures.stream().limit(5).forEach(failure -> System.out.println("  failed: " + failure));
        return failures.isEmpty() ? 0 : 1;
    }

    private long awaitFirstAnswer(long version) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (!firstAnswerNanos.containsKey(version)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("version " + version + " gave no answer within " + GIVE_UP);
            }
            Thread.sleep(5);
        }
        return firstAnswerNanos.get(version);
    }

    private void inferUntilStopped(List<LabelledImage> photos, int client, AtomicBoolean running) {
        URI infer = URI.create(url + "/v2/models/" + model + "/infer");
        for (int i = client; running.get(); i++) {
            String image = Base64.getEncoder().encodeToString(photos.get(i % photos.size()).bytes());
            String request = "{\"inputs\": [{\"name\": \"image_b64\", \"shape\": [1], \"datatype\": \"BYTES\","
                    + " \"parameters\": {\"content_type\": \"base64\"}, \"data\": [\"" + image + "\"]}]}";
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(infer)
                        .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
                long now = System.nanoTime();
                if (response.statusCode() == 200) {
                    answers.incrementAndGet();
                    long version = JSON.readTree(response.body()).path("model_version").asLong();
                    firstAnswerNanos.putIfAbsent(version, now);
                } else if (!firstAnswerNanos.isEmpty()) {
                    // Before the first version is served, 404s are expected; after it, any failure counts.
                    failures.add(response.statusCode() + " " + response.body());
                } else {
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                failures.add(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
