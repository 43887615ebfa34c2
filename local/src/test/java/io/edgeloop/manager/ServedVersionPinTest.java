package io.edgeloop.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pin the shopper writes to the edge bucket production ({@code served/<model>.json}) becomes TF Serving's model
 * config file in the model repository (served-version.camel.yaml), renamed into place whole, and again after a restart.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class ServedVersionPinTest {

    private static final Duration WRITTEN = Duration.ofSeconds(20);

    private TestPlatform platform;
    private Path repository;
    private RunningIntegration manager;
    private String model;

    @BeforeEach
    void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        repository = Files.createTempDirectory("edge-models");
        model = "pinned_" + System.nanoTime();
        manager = startManager();
    }

    private RunningIntegration startManager() throws Exception {
        return platform.startIntegration(Site.EDGE, "manager",
                Map.of("manager.model-repository", repository.toString(), "manager.poll-delay", "200",
                        "manager.model-name", model));
    }

    @AfterEach
    void stop() throws Exception {
        manager.close();
    }

    @Test
    void aPinnedVersionBecomesASpecificVersionPolicyAndLatestUndoesIt() throws Exception {
        pin("{\"version\": 1}");
        await().atMost(WRITTEN).until(() -> config().contains("specific { versions: 1 }"));
        assertThat(config()).contains("name: \"" + model + "\"")
                .contains("base_path: \"" + repository.resolve(model) + "\"")
                .contains("model_platform: \"tensorflow\"");

        pin("{\"version\": \"latest\"}");
        await().atMost(WRITTEN).until(() -> config().contains("latest { num_versions: 1 }"));
        assertThat(config()).doesNotContain("specific");
        assertThat(repository.resolve(".models.config.incoming")).doesNotExist();
    }

    @Test
    void aPinThatIsNoVersionIsIgnored() throws Exception {
        pin("{\"version\": 2}");
        await().atMost(WRITTEN).until(() -> config().contains("specific { versions: 2 }"));

        pin("{\"version\": \"../1\"}");
        Thread.sleep(1500);

        assertThat(config()).contains("specific { versions: 2 }");
    }

    @Test
    void aRestartedManagerWritesThePinAgain() throws Exception {
        pin("{\"version\": 3}");
        await().atMost(WRITTEN).until(() -> config().contains("specific { versions: 3 }"));
        manager.close();
        Files.delete(repository.resolve("models.config"));

        manager = startManager();

        await().atMost(WRITTEN).until(() -> config().contains("specific { versions: 3 }"));
    }

    private void pin(String json) {
        platform.edgeS3().put("production", "served/" + model + ".json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** The model config file as the model server reads it; empty before the first. */
    private String config() throws IOException {
        Path file = repository.resolve("models.config");
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
