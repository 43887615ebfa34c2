package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.manifests.ManifestGenerator;
import io.edgeloop.manifests.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests that copy routes/, kamelets/, catalogue/ and web/ are regenerated in memory and must equal the
 * committed ones: a route, bean, properties file, Kamelet, web file or deployment setting changed without running
 * manifests/generate.sh fails here.
 */
@ExtendWith(FileNameInFailures.class)
class GeneratedManifestsTest {

    private static final ManifestGenerator GENERATOR = new ManifestGenerator(RepositoryFiles.ROOT);

    static Stream<Named<Map.Entry<String, String>>> generated() {
        return GENERATOR.files().entrySet().stream().map(file -> Named.of(file.getKey(), file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generated")
    void committedFileIsWhatTheGeneratorWrites(Map.Entry<String, String> file) throws IOException {
        Path committed = RepositoryFiles.ROOT.resolve(file.getKey());

        assertThat(Files.exists(committed)).as("%s is missing: run manifests/generate.sh", file.getKey()).isTrue();
        String difference = firstDifference(Files.readString(committed), file.getValue());
        assertThat(difference).as("%s is out of date with the files it is generated from: run manifests/generate.sh",
                file.getKey()).isNull();
    }

    /** Where two texts first differ, as "line N: committed ... / generated ...", or null when they are equal. */
    private static String firstDifference(String committed, String generated) {
        if (committed.equals(generated)) {
            return null;
        }
        List<String> was = committed.lines().toList();
        List<String> is = generated.lines().toList();
        int line = 0;
        while (line < Math.min(was.size(), is.size()) && was.get(line).equals(is.get(line))) {
            line++;
        }
        return "line " + (line + 1) + ": committed '" + (line < was.size() ? was.get(line) : "<end>")
                + "', generated '" + (line < is.size() ? is.get(line) : "<end>") + "'";
    }

    @Test
    void noGeneratedFileIsLeftOver() {
        assertThat(GENERATOR.staleFiles()).as("generated files nothing generates any more: run manifests/generate.sh")
                .isEmpty();
    }

    @Test
    void everyIntegrationAndKameletIsGenerated() {
        assertThat(GENERATOR.files().keySet()).contains(ManifestGenerator.KAMELETS,
                "manifests/central/generated/feeder.yaml", "manifests/central/generated/delivery.yaml",
                "manifests/edge/generated/manager.yaml", "manifests/edge/generated/monitor.yaml",
                "manifests/edge/generated/price-engine.yaml", "manifests/edge/generated/shopper.yaml");
    }

    // A generated file that no kustomization lists would be checked here and never applied.
    @Test
    void everyGeneratedFileIsAResourceOfAKustomization() throws IOException {
        List<String> listed = new ArrayList<>();
        try (Stream<Path> kustomizations = Files.walk(Manifests.DIR)) {
            for (Path kustomization : kustomizations.filter(file -> file.getFileName().toString()
                    .equals("kustomization.yaml")).toList()) {
                JsonNode content = ManifestYaml.MAPPER.readTree(kustomization.toFile());
                for (JsonNode resource : content.path("resources")) {
                    listed.add(RepositoryFiles.ROOT.relativize(kustomization.getParent().resolve(resource.asText())
                            .normalize()).toString());
                }
            }
        }

        assertThat(listed).containsAll(GENERATOR.files().keySet());
    }
}
