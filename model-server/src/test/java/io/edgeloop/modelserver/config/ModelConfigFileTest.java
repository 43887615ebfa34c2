package io.edgeloop.modelserver.config;

import static io.edgeloop.modelserver.testing.TrainedModels.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.modelserver.ModelServer;
import io.edgeloop.modelserver.ServerSettings;
import io.edgeloop.modelserver.testing.TrainedModels;
import io.edgeloop.modelserver.testing.TrainedModels.Model;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model config file ({@code --model_config_file}, {@code --model_config_file_poll_wait_seconds}), ported from
 * TF Serving's {@code tensorflow_serving/model_servers/tensorflow_model_server_test.py} (testGoodModelConfig,
 * testBadModelConfig, testModelConfigReload, testModelConfigReloadWithZeroPollPeriod) for one model whose version
 * policy changes, checked over real HTTP: the status API and predictions of the TEA (v1) and MINT (v2) models.
 */
class ModelConfigFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path repository;

    private Path base;
    private Path configFile;
    private ModelServer server;

    @BeforeEach
    void twoVersions() {
        base = repository.resolve(NAME);
        TrainedModels.install(base, 1, Model.TEA);
        TrainedModels.install(base, 2, Model.MINT);
        configFile = repository.resolve("models.config");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void goodModelConfigServesTheVersionItsPolicyNames() throws Exception {
        write(config("specific { versions: 1 }"));
        start(Duration.ofMillis(100));

        assertThat(states()).isEqualTo(Map.of(1L, "AVAILABLE"));
        assertThat(predictedLabel()).isIn(Model.TEA.labels);
    }

    @Test
    void badModelConfigStopsTheStartWithTfServingsMessage() throws Exception {
        write("model_config_list { config { name: ");

        assertThatThrownBy(() -> start(Duration.ofSeconds(1))).isInstanceOf(IOException.class)
                .hasMessageContaining("Error parsing text-format tensorflow.serving.ModelServerConfig");
    }

    @Test
    void modelConfigReloadRollsBackAndForward() throws Exception {
        write(ModelConfigFile.latestVersionOf(NAME, base));
        start(Duration.ofMillis(100));
        assertThat(states()).isEqualTo(Map.of(2L, "AVAILABLE"));

        write(config("specific { versions: 1 }"));
        await().atMost(Duration.ofSeconds(30)).until(() -> states().equals(Map.of(1L, "AVAILABLE", 2L, "END")));
        assertThat(predictedLabel()).isIn(Model.TEA.labels);

        write(config("latest { num_versions: 1 }"));
        await().atMost(Duration.ofSeconds(30)).until(() -> states().equals(Map.of(1L, "END", 2L, "AVAILABLE")));
        assertThat(predictedLabel()).isIn(Model.MINT.labels);
    }

    @Test
    void modelConfigReloadWithZeroPollPeriodReadsTheFileOnce() throws Exception {
        write(config("specific { versions: 1 }"));
        start(Duration.ZERO);

        write(ModelConfigFile.latestVersionOf(NAME, base));
        Thread.sleep(1500);

        assertThat(states()).isEqualTo(Map.of(1L, "AVAILABLE"));
    }

    @Test
    void aConfigThatBreaksOrNamesAnotherModelKeepsTheRunningOne() throws Exception {
        write(config("specific { versions: 1 }"));
        start(Duration.ofMillis(100));

        write("model_config_list { config { name: ");
        Thread.sleep(500);
        write(config("specific { versions: 2 }").replace(NAME, "another_model"));
        Thread.sleep(500);

        assertThat(states()).isEqualTo(Map.of(1L, "AVAILABLE"));
    }

    @Test
    void aPinnedVersionSurvivesARestart() throws Exception {
        write(config("specific { versions: 1 }"));
        start(Duration.ofMillis(100));
        server.close();

        start(Duration.ofMillis(100));

        assertThat(states()).isEqualTo(Map.of(1L, "AVAILABLE"));
        assertThat(predictedLabel()).isIn(Model.TEA.labels);
    }

    private String config(String policy) {
        return "model_config_list {\n  config {\n    name: \"" + NAME + "\"\n    base_path: \"" + base
                + "\"\n    model_platform: \"tensorflow\"\n    model_version_policy { " + policy + " }\n  }\n}\n";
    }

    /** As the manager writes it: beside, then renamed over the old one. */
    private void write(String text) throws IOException {
        Path next = Files.writeString(repository.resolve(".models.config.incoming"), text);
        Files.move(next, configFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void start(Duration pollWait) throws IOException {
        ModelConfigFile file = new ModelConfigFile(configFile, pollWait);
        server = ModelServer.start(ServerSettings.of(ServedModelConfig.of(file.read())).withRestPort(0), file);
    }

    private Map<Long, String> states() throws Exception {
        Map<Long, String> states = new TreeMap<>();
        for (JsonNode status : get("/v1/models/" + NAME).path("model_version_status")) {
            states.put(status.path("version").asLong(), status.path("state").asText());
        }
        return states;
    }

    private String predictedLabel() throws Exception {
        String body = "{\"instances\": [{\"b64\": \""
                + java.util.Base64.getEncoder().encodeToString(TrainedModels.photo(0)) + "\"}]}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/v1/models/" + NAME + ":predict"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/predictions/0").asText();
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(url(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }
}
