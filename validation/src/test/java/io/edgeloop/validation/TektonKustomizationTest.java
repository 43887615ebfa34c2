package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tekton/kustomization.yaml} is the base an overlay installs: it must not forget a file. */
class TektonKustomizationTest {

    private static final Path KUSTOMIZATION = RepositoryFiles.tektonDir().resolve("kustomization.yaml");

    @Test
    void listsEveryResourceFileButTheSamplesAndTests() throws IOException {
        List<String> files = RepositoryFiles.tekton().stream().filter(file -> !RepositoryFiles.isTektonExample(file))
                .map(file -> RepositoryFiles.tektonDir().relativize(file).toString()).toList();

        assertThat(files).as("tekton/ files besides the kustomization").isNotEmpty();
        assertThat(resources()).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void leavesTheNamespaceToTheOverlay() throws IOException {
        assertThat(kustomization().has("namespace")).as("namespace set in the base").isFalse();
    }

    private static List<String> resources() throws IOException {
        List<String> resources = new ArrayList<>();
        kustomization().path("resources").forEach(resource -> resources.add(resource.asText()));
        return resources;
    }

    private static JsonNode kustomization() throws IOException {
        return CamelYamlDsl.YAML.readTree(KUSTOMIZATION.toFile());
    }
}
