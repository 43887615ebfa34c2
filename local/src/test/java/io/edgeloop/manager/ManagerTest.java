package io.edgeloop.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.MqttTestClient;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EdgeLoopPlatformExtension.class)
class ManagerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final AtomicInteger MODELS = new AtomicInteger();

    private static TestPlatform platform;
    private static Path repository;
    private static String ready;
    private static MqttTestClient monitor;
    private static RunningIntegration manager;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        repository = Files.createTempDirectory("edge-models");
        ready = platform.config().edgeId() + "-ready";
        monitor = platform.mqttOverTcp().subscribe("monitor");
        manager = startManager();
    }

    private static RunningIntegration startManager() throws Exception {
        return platform.startIntegration(Site.EDGE, "manager",
                Map.of("manager.model-repository", repository.toString(), "manager.poll-delay", "200"));
    }

    @AfterAll
    static void stop() throws Exception {
        manager.close();
        monitor.close();
    }

    /** Each test delivers its own model, so versions and events never mix between tests. */
    private static String newModel() {
        return "model-t" + MODELS.incrementAndGet();
    }

    private static ReadyVersion savedModel(String model, int version, long seed) {
        Random random = new Random(seed);
        byte[] variables = new byte[3_000_000];
        random.nextBytes(variables);
        byte[] graph = new byte[20_000];
        random.nextBytes(graph);
        return new ReadyVersion(model, version)
                .file("saved_model.pb", graph)
                .file("variables/variables.index", ("index of " + model + version).getBytes())
                .file("variables/variables.data-00000-of-00001", variables);
    }

    @Test
    void completeVersionAppearsAtomicallyIsArchivedRemovedFromReadyAndAnnounced() throws Exception {
        String model = newModel();
        ReadyVersion version = savedModel(model, 1, 1);
        version.putFiles(platform.centralS3(), ready);
        Path served = repository.resolve(model).resolve("1");
        List<String> halfSeen = new ArrayList<>();
        Thread watcher = watchForIncompleteVersion(served, version, halfSeen);

        version.putManifest(platform.centralS3(), ready);

        await().atMost(DELIVERY).until(() -> Files.exists(served.resolve("manifest.json")));
        watcher.interrupt();
        watcher.join();
        assertThat(halfSeen).as("states of %s seen by a model server", served).isEmpty();
        assertHoldsExactly(served, version);
        JsonNode event = JSON.readTree(monitor.nextContaining(model, DELIVERY).payload());
        assertThat(event.get("name").asText()).isEqualTo("pushmodel");
        assertThat(event.get("model").asText()).isEqualTo(model);
        assertThat(event.get("version").asInt()).isEqualTo(1);
        await().atMost(DELIVERY).until(() -> platform.centralS3().keys(ready, version.prefix()).isEmpty());
        assertThat(platform.edgeS3().keys("production", version.prefix())).containsExactlyInAnyOrder(
                version.prefix() + "saved_model.pb", version.prefix() + "variables/variables.index",
                version.prefix() + "variables/variables.data-00000-of-00001", version.manifestKey());
        assertThat(platform.edgeS3().get("production", version.prefix() + "variables/variables.data-00000-of-00001"))
                .isEqualTo(version.files().get("variables/variables.data-00000-of-00001"));
        assertThat(hiddenEntries(repository.resolve(model))).isEmpty();
    }

    @Test
    void versionWithoutManifestIsNeverExposed() throws Exception {
        String model = newModel();
        ReadyVersion version = savedModel(model, 1, 2);
        version.putFiles(platform.centralS3(), ready);

        // Several polls of the manager (every 200 ms) go by with the files but no manifest.
        Thread.sleep(1500);
        assertThat(repository.resolve(model)).doesNotExist();
        assertThat(platform.centralS3().keys(ready, version.prefix())).hasSize(3);

        version.putManifest(platform.centralS3(), ready);
        await().atMost(DELIVERY).until(() -> Files.exists(repository.resolve(model).resolve("1")));
    }

    @Test
    void versionWithABadChecksumIsRefusedReportedAndNotExposed() throws Exception {
        String model = newModel();
        ReadyVersion version = savedModel(model, 1, 3).corruptChecksumOf("variables/variables.data-00000-of-00001");
        version.putFiles(platform.centralS3(), ready);
        version.putManifest(platform.centralS3(), ready);

        MqttTestClient.Received refusal = monitor.nextContaining(model, DELIVERY);

        JsonNode event = JSON.readTree(refusal.payload());
        assertThat(event.get("name").asText()).isEqualTo("pushmodel-refused");
        assertThat(event.get("key").asText()).isEqualTo(version.manifestKey());
        assertThat(event.get("error").asText()).contains("variables/variables.data-00000-of-00001")
                .contains("does not match its manifest");
        assertThat(repository.resolve(model).resolve("1")).doesNotExist();
        assertThat(hiddenEntries(repository.resolve(model))).isEmpty();
        assertThat(platform.edgeS3().keys("production", version.prefix())).isEmpty();
        assertThat(platform.centralS3().keys(ready, version.prefix())).hasSize(4);
        // Reported once, not on every poll.
        assertThat(monitor.nextContaining(model, Duration.ofSeconds(1))).isNull();
    }

    @Test
    void manifestWithAPathOutsideTheVersionIsRefused() throws Exception {
        String model = newModel();
        ReadyVersion version = new ReadyVersion(model, 1).file("../../escaped.pb", new byte[] {1, 2, 3});
        version.putManifest(platform.centralS3(), ready);

        JsonNode event = JSON.readTree(monitor.nextContaining(model, DELIVERY).payload());

        assertThat(event.get("name").asText()).isEqualTo("pushmodel-refused");
        assertThat(event.get("error").asText()).contains("invalid file entry");
        assertThat(repository.resolve("escaped.pb")).doesNotExist();
        assertThat(repository.resolve(model)).doesNotExist();
    }

    @Test
    void manifestListingAMissingFileIsRefused() throws Exception {
        String model = newModel();
        ReadyVersion version = savedModel(model, 1, 4);
        version.putManifest(platform.centralS3(), ready);

        JsonNode event = JSON.readTree(monitor.nextContaining(model, DELIVERY).payload());

        assertThat(event.get("name").asText()).isEqualTo("pushmodel-refused");
        assertThat(event.get("error").asText()).isEqualTo(
                model + " version 1: saved_model.pb is listed in its manifest but missing");
        assertThat(repository.resolve(model).resolve("1")).doesNotExist();
        assertThat(hiddenEntries(repository.resolve(model))).isEmpty();
    }

    @Test
    void leftoversOfAKilledCopyAreDiscardedAndTheVersionCompletesOnRestart() throws Exception {
        String model = newModel();
        ReadyVersion version = savedModel(model, 2, 5);
        // What a manager killed mid-copy leaves: a hidden partial directory, the version still in ready.
        manager.close();
        Path partial = repository.resolve(model).resolve(".2.incoming");
        Files.createDirectories(partial.resolve("variables"));
        Files.write(partial.resolve("saved_model.pb"), version.files().get("saved_model.pb"));
        Files.write(partial.resolve("variables/variables.data-00000-of-00001"), new byte[1000]);
        version.putFiles(platform.centralS3(), ready);
        version.putManifest(platform.centralS3(), ready);

        manager = startManager();

        Path served = repository.resolve(model).resolve("2");
        await().atMost(DELIVERY).until(() -> platform.centralS3().keys(ready, version.prefix()).isEmpty());
        assertHoldsExactly(served, version);
        assertThat(hiddenEntries(repository.resolve(model))).isEmpty();
    }

    @Test
    void versionAlreadyPublishedBeforeACrashIsArchivedAndRemovedFromReady() throws Exception {
        String model = newModel();
        ReadyVersion version = savedModel(model, 3, 6);
        // Killed after the rename, before ready was cleaned up: the version is served, still in ready.
        Path served = repository.resolve(model).resolve("3");
        for (var file : version.files().entrySet()) {
            Files.createDirectories(served.resolve(file.getKey()).getParent());
            Files.write(served.resolve(file.getKey()), file.getValue());
        }
        Files.writeString(served.resolve("manifest.json"), version.manifest());
        version.putFiles(platform.centralS3(), ready);
        version.putManifest(platform.centralS3(), ready);

        await().atMost(DELIVERY).until(() -> platform.centralS3().keys(ready, version.prefix()).isEmpty());
        assertThat(platform.edgeS3().keys("production", version.prefix())).hasSize(4);
        assertHoldsExactly(served, version);
    }

    /** Checks, as often as it can, that the version directory is never there without all its files. */
    private static Thread watchForIncompleteVersion(Path served, ReadyVersion version, List<String> halfSeen) {
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (Files.isDirectory(served)) {
                    for (var file : version.files().entrySet()) {
                        Path path = served.resolve(file.getKey());
                        try {
                            if (!Files.exists(path) || Files.size(path) != file.getValue().length) {
                                halfSeen.add(file.getKey() + " incomplete");
                            }
                        } catch (IOException e) {
                            halfSeen.add(file.getKey() + ": " + e);
                        }
                    }
                }
                Thread.onSpinWait();
            }
        });
        watcher.start();
        return watcher;
    }

    private static void assertHoldsExactly(Path served, ReadyVersion version) throws Exception {
        for (var file : version.files().entrySet()) {
            assertThat(served.resolve(file.getKey())).hasBinaryContent(file.getValue());
        }
        assertThat(served.resolve("manifest.json")).hasContent(version.manifest());
    }

    private static List<Path> hiddenEntries(Path modelDirectory) throws IOException {
        if (!Files.isDirectory(modelDirectory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(modelDirectory)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
