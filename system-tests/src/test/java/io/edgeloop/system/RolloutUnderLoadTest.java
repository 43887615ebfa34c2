package io.edgeloop.system;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import io.edgeloop.modelserver.ModelServer;
import io.edgeloop.modelserver.ServerSettings;
import io.edgeloop.trainer.model.TrainingOptions;
import io.edgeloop.trainer.publish.ModelRepository;
import io.edgeloop.trainer.publish.VersionPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trainer publishes versions 1, 2 and 3 into {@code <edge>-ready} while clients keep predicting; the
 * edge manager delivers each one and the model server swaps it in: no prediction and no shopper detection
 * fails, the detections name versions that only move forward, and each version is served. How fast (the 3 s target
 * from a manifest landing in ready) is bench/rollout.sh's to measure.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class RolloutUnderLoadTest {

    private static final String MODEL = "tea_model_b64";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * How long a version may take to be served before the test gives up: a bound on "it rolls out", not the speed
     * target, which bench/rollout.sh measures on a quiet machine (a timed test fails on a busy CI box).
     */
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofSeconds(30);
    private static final int CLIENTS = 4;

    private static TestPlatform platform;
    private static RunningIntegration manager;
    private static RunningIntegration priceEngine;
    private static RunningIntegration shopper;
    private static ModelServer server;
    private static VersionPublisher trainer;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        String edge = platform.config().edgeId();
        Path repository = Files.createTempDirectory("edge-models");
        Files.createDirectories(repository.resolve(MODEL));
        // The manager and the model server with their shipped defaults (polls of 500 ms and 1 s).
        manager = platform.startIntegration(Site.EDGE, "manager", Map.of("manager.model-repository", repository.toString()));
        server = ModelServer.start(ServerSettings.defaults(MODEL, repository.resolve(MODEL)).withRestPort(FreePorts.next()));
        priceEngine = platform.startIntegration(Site.EDGE, "price-engine");
        shopper = platform.startIntegration(Site.EDGE, "shopper",
                Map.of("shopper.model-server-url", "http://localhost:" + server.port()));
        var s3 = platform.centralS3().sdk();
        trainer = new VersionPublisher(new ModelRepository(s3, edge + "-models", MODEL),
                new ModelRepository(s3, edge + "-ready", MODEL), MODEL, edge, "test",
                Files.createTempDirectory("trainer-work"));
    }

    @AfterAll
    static void stop() throws Exception {
        shopper.close();
        priceEngine.close();
        server.close();
        manager.close();
    }

    @Test
    void versionsOneTwoThreeRollOutUnderLoadWithoutAFailedRequest() throws Exception {
        List<byte[]> photos = TrainedModels.photos(2, 99).stream().map(photo -> photo.bytes()).toList();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong succeeded = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Integer> detectedBy = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Future<?>> load = new ArrayList<>();
        try {
            for (int version = 1; version <= 3; version++) {
                int published = trainer.publish(TrainedModels.classifier(), TrainingOptions.defaults(), 72, List.of());
                long manifestLanded = System.nanoTime();
                assertThat(published).isEqualTo(version);
                awaitServed(version, manifestLanded);
                if (version == 1) {
                    // From the first served version on, clients predict without pause through every swap.
                    for (int c = 0; c < CLIENTS; c++) {
                        int client = c;
                        load.add(clients.submit(() -> predictUntilStopped(photos, client, running, succeeded, failures)));
                    }
                    load.add(clients.submit(() -> detectUntilStopped(photos, running, detectedBy, failures)));
                    Thread.sleep(500);
                }
            }
            Thread.sleep(500);
        } finally {
            running.set(false);
            for (Future<?> client : load) {
                client.get();
            }
            clients.shutdown();
        }

        assertThat(failures).as("failed predictions and detections during the rollouts").isEmpty();
        // The shopper names the version that answered: it only moves forward, through the swaps.
        assertThat(detectedBy).isSorted().contains(3);
        assertThat(detectedBy.stream().distinct().count()).isGreaterThanOrEqualTo(2);
        assertThat(succeeded.get()).isGreaterThan(50);
        assertThat(server.availableVersions()).containsExactly(3L);
    }

    /** Waits until the server reports the version AVAILABLE, failing once the rollout timeout is spent. */
    private static void awaitServed(int version, long manifestLanded) throws Exception {
        long deadline = manifestLanded + ROLLOUT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = JSON.readTree(get("/v1/models/" + MODEL).body());
            for (JsonNode entry : status.path("model_version_status")) {
                if (entry.path("version").asText().equals(Integer.toString(version))
                        && entry.path("state").asText().equals("AVAILABLE")) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("version " + version + " was not served within " + ROLLOUT_TIMEOUT);
    }

    private static void predictUntilStopped(List<byte[]> photos, int client, AtomicBoolean running, AtomicLong succeeded,
            ConcurrentLinkedQueue<String> failures) {
        for (int i = client; running.get(); i++) {
            String body = "{\"instances\": [{\"b64\": \"" + Base64.getEncoder().encodeToString(photos.get(i % photos.size()))
                    + "\"}]}";
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/v1/models/" + MODEL + ":predict"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode predictions = JSON.readTree(response.body()).path("predictions");
                if (response.statusCode() == 200 && predictions.size() == 2
                        && TrainedModels.CLASSES.contains(predictions.get(0).asText())) {
                    succeeded.incrementAndGet();
                } else {
                    failures.add(response.statusCode() + " " + response.body());
                }
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }
    }

    /** Detections through the shopper, recording the model version each answer names. */
    private static void detectUntilStopped(List<byte[]> photos, AtomicBoolean running, List<Integer> detectedBy,
            ConcurrentLinkedQueue<String> failures) {
        for (int i = 0; running.get(); i++) {
            try {
                HttpResponse<String> response = EdgeShop.post(shopper.url("/detection"),
                        EdgeShop.imageJson(photos.get(i % photos.size())));
                if (response.statusCode() == 200) {
                    detectedBy.add(JSON.readTree(response.body()).path("modelVersion").asInt());
                } else {
                    failures.add("detection: " + response.statusCode() + " " + response.body());
                }
            } catch (Exception e) {
                failures.add("detection: " + e);
            }
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }
}
