package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.manifests.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where kubectl is installed (its built-in kustomize), every site renders to exactly what {@link Kustomize} renders:
 * the reader the other manifest tests rely on is checked against the real thing. Skipped without kubectl.
 */
class KubectlKustomizeCrossCheckTest {

    @TempDir
    static Path copy;

    static List<String> sites() {
        return Manifests.sitePaths();
    }

    @BeforeAll
    static void copyManifestsWithExampleCredentials() throws IOException {
        for (String dir : List.of("manifests", "tekton")) {
            Path source = RepositoryFiles.ROOT.resolve(dir);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                    Path target = copy.resolve(dir).resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                        if (file.getFileName().toString().endsWith(".env.example")) {
                            String name = target.getFileName().toString();
                            Files.copy(file, target.resolveSibling(name.substring(0, name.length() - ".example".length())),
                                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "manifests/{0}")
    @MethodSource("sites")
    void kubectlKustomizeRendersWhatTheReaderRenders(String site) throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl is not installed");
        Path dir = copy.resolve("manifests").resolve(site);

        Map<String, JsonNode> kubectl = byId(ManifestYaml.MAPPER.readerFor(JsonNode.class)
                .<JsonNode>readValues(run("kubectl", "kustomize", dir.toString())).readAll());
        Map<String, JsonNode> reader = byId(new Kustomize(false).build(dir).stream().map(JsonNode.class::cast).toList());

        assertThat(reader.keySet()).as("resources").containsExactlyElementsOf(kubectl.keySet());
        reader.forEach((id, resource) -> assertThat(resource).as(id).isEqualTo(kubectl.get(id)));
    }

    private static Map<String, JsonNode> byId(List<JsonNode> resources) {
        Map<String, JsonNode> byId = new TreeMap<>();
        resources.forEach(resource -> byId.put(Kustomize.id(resource), withUnwrappedSecretData((ObjectNode) resource)));
        return byId;
    }

    /** kubectl wraps a Secret's base64 values at 76 characters; the API server, as base64, ignores the line breaks. */
    private static ObjectNode withUnwrappedSecretData(ObjectNode resource) {
        if (resource.path("kind").asText().equals("Secret") && resource.path("data").isObject()) {
            ((ObjectNode) resource.get("data")).properties().forEach(value ->
                    value.setValue(resource.textNode(value.getValue().asText().replaceAll("\\s", ""))));
        }
        return resource;
    }

    private static boolean kubectlAvailable() {
        try {
            run("kubectl", "version", "--client");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + err);
        }
        return new String(out);
    }
}
