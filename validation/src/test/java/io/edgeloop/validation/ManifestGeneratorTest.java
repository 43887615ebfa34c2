package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.manifests.IntegrationManifest;
import io.edgeloop.manifests.ManifestGenerator;
import io.edgeloop.manifests.ManifestYaml;
import io.edgeloop.manifests.PropertiesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator on a small repository: what it puts into an Integration, and what it refuses. */
class ManifestGeneratorTest {

    /** Deployment settings of the integration web, with the given traits. */
    private static final String SETTINGS = """
            apiVersion: camel.apache.org/v1
            kind: Integration
            metadata:
              name: web
            spec:
              traits:
            %s""";

    @TempDir
    Path root;

    @BeforeEach
    void repository() throws IOException {
        write("kamelets/a.kamelet.yaml", "kind: Kamelet\n");
        write("routes/edge/web/web.camel.yaml", "- route:\n    from:\n      uri: \"platform-http:/\"\n");
        write("routes/edge/web/Page.java", "package x;\npublic class Page {}\n");
        write("routes/edge/web/application.properties", """
                # comment
                web.root={{edgeloop.home:.}}/site
                web.url={{model.url}}
                camel.server.maxBodySize=1024
                """);
        write("site/index.html", "<p>hi</p>\n");
        write("site/js/app.js", "go();\n");
        write("manifests/edge/edge.properties", "web.url=http://elsewhere\n");
        write("manifests/edge/integrations/web.yaml", SETTINGS.formatted("    container:\n      limitMemory: 1Gi\n"));
    }

    @Test
    void integrationHoldsSourcesPropertiesRuntimeAndTheDirectoriesItReads() throws IOException {
        Map<String, String> files = new ManifestGenerator(root).files();
        JsonNode integration = ManifestYaml.MAPPER.readTree(files.get("manifests/edge/generated/web.yaml"));
        JsonNode spec = integration.path("spec");

        assertThat(spec.path("sources").findValuesAsText("name")).containsExactly("web.camel.yaml", "Page.java");
        assertThat(spec.path("traits").path("container").path("limitMemory").asText()).isEqualTo("1Gi");
        assertThat(spec.path("traits").path("camel").path("properties").toString()).isEqualTo(
                "[\"web.root={{edgeloop.home:.}}/site\",\"camel.server.maxBodySize=1024\",\"edgeloop.home=/etc/edgeloop\","
                        + "\"quarkus.http.limits.max-body-size=1024\"]");
        assertThat(spec.path("traits").path("camel").path("runtimeVersion").asText())
                .isEqualTo(IntegrationManifest.RUNTIME_VERSION);
        JsonNode volume = spec.path("template").path("spec").path("volumes").get(0);
        assertThat(volume.path("configMap").path("items").toString()).isEqualTo(
                "[{\"key\":\"index.html\",\"path\":\"index.html\"},{\"key\":\"js_app.js\",\"path\":\"js/app.js\"}]");
        assertThat(spec.path("template").path("spec").path("containers").get(0).path("volumeMounts").get(0)
                .path("mountPath").asText()).isEqualTo("/etc/edgeloop/site");
        JsonNode configMap = ManifestYaml.MAPPER.readTree(files.get("manifests/edge/generated/files.yaml"));
        assertThat(configMap.path("data").path("js_app.js").asText()).isEqualTo("go();\n");
        assertThat(files.get(ManifestGenerator.KAMELETS)).contains("# kamelets/a.kamelet.yaml\nkind: Kamelet\n");
    }

    @Test
    void settingsMayNotSetWhatTheGeneratorWrites() throws IOException {
        write("manifests/edge/integrations/web.yaml", SETTINGS.formatted("    camel:\n      properties: [a=b]\n"));

        assertThatThrownBy(() -> new ManifestGenerator(root).files()).hasMessageContaining("sets camel");
    }

    @Test
    void anIntegrationWithoutSettingsIsRefused() throws IOException {
        Files.delete(root.resolve("manifests/edge/integrations/web.yaml"));

        assertThatThrownBy(() -> new ManifestGenerator(root).files()).hasMessageContaining("no deployment settings");
    }

    @Test
    void propertiesBeyondKeyValueLinesAreRefused() throws IOException {
        write("routes/edge/web/application.properties", "a=one \\\nb=two\n");

        assertThatThrownBy(() -> PropertiesFile.read(root.resolve("routes/edge/web/application.properties")))
                .hasMessageContaining("beyond key=value lines");
    }

    @Test
    void staleGeneratedFilesAreFound() throws IOException {
        write("manifests/edge/generated/gone.yaml", "kind: Integration\n");

        assertThat(new ManifestGenerator(root).staleFiles()).containsExactly("manifests/edge/generated/gone.yaml");
    }

    private void write(String path, String content) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), content);
    }
}
