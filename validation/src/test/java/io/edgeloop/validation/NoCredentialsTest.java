package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.manifests.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No credential is committed: Secrets exist only as kustomize secretGenerators reading git-ignored env files (with
 * a committed example of placeholders), and everything else refers to them.
 */
class NoCredentialsTest {

    /** A key or variable that holds a credential. */
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)(password|secret|accesskey|token)");
    /** An example line: key=CHANGE-ME-..., or a list of them per edge (the feeder's tokens=edge1=CHANGE-ME-...,...). */
    private static final String PLACEHOLDER =
            "[A-Za-z0-9_.-]+=([a-z0-9-]+=)?CHANGE-ME-[a-z0-9-]+(,[a-z0-9-]+=CHANGE-ME-[a-z0-9-]+)*";

    @Test
    void noCommittedManifestIsASecret() throws IOException {
        List<String> secrets = new ArrayList<>();
        for (Path file : yamlFiles()) {
            for (JsonNode document : ManifestYaml.MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())
                    .readAll()) {
                if (document != null && document.path("kind").asText().equals("Secret")) {
                    secrets.add(RepositoryFiles.relative(file));
                }
            }
        }
        assertThat(secrets).isEmpty();
    }

    @Test
    void secretGeneratorsReadIgnoredEnvFilesWithCommittedPlaceholderExamples() throws Exception {
        List<Path> envFiles = new ArrayList<>();
        for (Path kustomization : kustomizations()) {
            JsonNode content = ManifestYaml.MAPPER.readTree(kustomization.toFile());
            for (JsonNode generator : content.path("secretGenerator")) {
                assertThat(generator.has("literals") || generator.has("files")).as("%s: secret %s from literals or files",
                        RepositoryFiles.relative(kustomization), generator.path("name").asText()).isFalse();
                generator.path("envs").forEach(env -> envFiles.add(kustomization.resolveSibling(env.asText())));
            }
        }

        assertThat(envFiles).isNotEmpty();
        for (Path env : envFiles) {
            Path example = env.resolveSibling(env.getFileName() + ".example");
            assertThat(gitIgnores(env)).as("%s is git-ignored", RepositoryFiles.relative(env)).isTrue();
            assertThat(example).as("example of %s", RepositoryFiles.relative(env)).exists();
            assertThat(Files.readAllLines(example)).as(RepositoryFiles.relative(example))
                    .allSatisfy(line -> assertThat(line).matches(PLACEHOLDER));
        }
    }

    @Test
    void renderedResourcesReferToSecretsInsteadOfHoldingCredentials() {
        List<String> found = new ArrayList<>();
        for (Manifests.Site site : Manifests.sites()) {
            for (JsonNode document : site.documents()) {
                if (document.path("kind").asText().equals("Secret")) {
                    continue;
                }
                // Environment variables named like a credential take it from a Secret.
                for (JsonNode env : document.findValues("env")) {
                    env.forEach(variable -> {
                        if (CREDENTIAL.matcher(variable.path("name").asText()).find() && variable.has("value")) {
                            found.add(site + ": " + Kustomize.id(document) + " env " + variable.path("name").asText());
                        }
                    });
                }
                // Properties (ConfigMaps, camel.properties) named like a credential only point at the environment,
                // or at another property that does (camel.kamelet.edgeloop-s3-sink.accessKey={{s3.accessKey}}).
                for (String line : properties(document)) {
                    int equals = line.indexOf('=');
                    String key = equals > 0 ? line.substring(0, equals).strip() : "";
                    if (key.matches("[\\w.-]+") && CREDENTIAL.matcher(key).find()) {
                        String value = line.substring(equals + 1).strip();
                        boolean alias = value.matches("\\{\\{[\\w.-]+}}") && CREDENTIAL.matcher(value).find();
                        if (!value.isEmpty() && !value.matches("\\{\\{env:[A-Z0-9_]+}}") && !alias) {
                            found.add(site + ": " + Kustomize.id(document) + " " + line);
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    /** The lines of a ConfigMap's values and an Integration's camel.properties. */
    private static List<String> properties(JsonNode document) {
        List<String> lines = new ArrayList<>();
        document.path("data").forEach(value -> value.asText().lines().map(String::strip)
                .filter(line -> !line.startsWith("#")).forEach(lines::add));
        document.path("spec").path("traits").path("camel").path("properties").forEach(line -> lines.add(line.asText()));
        return lines;
    }

    private static boolean gitIgnores(Path file) throws Exception {
        Process git = new ProcessBuilder("git", "check-ignore", "-q", "--no-index", file.toString())
                .directory(RepositoryFiles.ROOT.toFile()).start();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return git.exitValue() == 0;
    }

    private static List<Path> kustomizations() throws IOException {
        return yamlFiles().stream().filter(file -> file.getFileName().toString().equals("kustomization.yaml")).toList();
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Manifests.DIR)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
