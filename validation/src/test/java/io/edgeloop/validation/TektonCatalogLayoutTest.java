package io.edgeloop.validation;

import static io.edgeloop.validation.TektonPipelineTest.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplate;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code tekton/} in the layout of the Tekton catalog (tektoncd/catalog): each entry in {@code <kind>/<name>/<version>/}
 * with its resources in {@code <name>.yaml}, a README documenting them, {@code samples/} and {@code tests/run.yaml}.
 */
@ExtendWith(FileNameInFailures.class)
class TektonCatalogLayoutTest {

    private static final Set<String> KINDS = Set.of("task", "pipeline", "triggers");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");
    private static final String VERSION_LABEL = "app.kubernetes.io/version";

    static Stream<Named<Path>> entries() {
        return RepositoryFiles.tektonCatalogEntries().stream()
                .map(entry -> Named.of(RepositoryFiles.relative(entry), entry));
    }

    @Test
    void tektonHoldsTheTaskThePipelineAndTheTriggersAsCatalogEntries() throws IOException {
        assertThat(children(RepositoryFiles.tektonDir()))
                .containsExactlyInAnyOrder("README.md", "kustomization.yaml", "pipeline", "task", "triggers");
        assertThat(RepositoryFiles.tektonCatalogEntries()).extracting(RepositoryFiles::relative).contains(
                "tekton/task/train-model/0.1", "tekton/pipeline/train-model/0.1", "tekton/triggers/train-model/0.1");
        for (String kind : KINDS) {
            for (String name : children(RepositoryFiles.tektonDir().resolve(kind))) {
                assertThat(children(RepositoryFiles.tektonDir().resolve(kind).resolve(name)))
                        .as("versions of tekton/%s/%s", kind, name).isNotEmpty()
                        .allSatisfy(version -> assertThat(version).matches(VERSION));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void entryHasItsResourcesAReadmeSamplesAndATest(Path entry) throws IOException {
        String name = entry.getParent().getFileName().toString();

        assertThat(entry.getFileName().toString()).as("version").matches(VERSION);
        assertThat(children(entry)).containsExactlyInAnyOrder(name + ".yaml", "README.md", "samples", "tests");
        assertThat(children(entry.resolve("samples"))).as("samples/").isNotEmpty();
        assertThat(children(entry.resolve("tests"))).as("tests/").contains("run.yaml")
                .isSubsetOf("run.yaml", "resources.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void resourcesCarryTheVersionOfTheirFolder(Path entry) throws IOException {
        String version = entry.getFileName().toString();
        List<HasMetadata> resources = TektonResources.read(resourceFile(entry));

        assertThat(resources).isNotEmpty().allSatisfy(resource -> assertThat(resource.getMetadata().getLabels())
                .as("%s %s labels", resource.getKind(), resource.getMetadata().getName())
                .containsEntry(VERSION_LABEL, version));
        String kind = entry.getParent().getParent().getFileName().toString();
        if (!kind.equals("triggers")) {
            assertThat(resources).as("a %s entry holds one %s of its name", kind, kind).singleElement()
                    .satisfies(resource -> {
                        assertThat(resource.getKind()).isEqualToIgnoringCase(kind);
                        assertThat(resource.getMetadata().getName()).isEqualTo(entry.getParent().getFileName().toString());
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void testRunsTheEntry(Path entry) throws IOException {
        String name = entry.getParent().getFileName().toString();
        List<HasMetadata> runs = TektonResources.read(entry.resolve("tests/run.yaml")).stream()
                .filter(resource -> resource instanceof TaskRun || resource instanceof PipelineRun).toList();

        switch (entry.getParent().getParent().getFileName().toString()) {
            case "task" -> assertThat(runs).as("TaskRuns of Task %s", name).isNotEmpty().allSatisfy(run ->
                    assertThat(((TaskRun) run).getSpec().getTaskRef().getName()).isEqualTo(name));
            case "pipeline" -> assertThat(runs).as("PipelineRuns of Pipeline %s", name).isNotEmpty().allSatisfy(run ->
                    assertThat(((PipelineRun) run).getSpec().getPipelineRef().getName()).isEqualTo(name));
            default -> assertThat(runs).as("runs").isNotEmpty();
        }
    }

    // A required param says so in its line, an optional one shows its default there: the README cannot drift.
    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void readmeDocumentsEveryParamWithItsDefaultTheResultsAndTheUsage(Path entry) throws IOException {
        List<String> readme = Files.readAllLines(entry.resolve("README.md"));
        List<HasMetadata> resources = TektonResources.read(resourceFile(entry));
        List<String[]> params = new ArrayList<>();
        List<String> results = new ArrayList<>();
        for (HasMetadata resource : resources) {
            if (resource instanceof Task task) {
                list(task.getSpec().getParams()).forEach(param -> params.add(param(param.getName(), param.getDefault())));
                list(task.getSpec().getResults()).forEach(result -> results.add(result.getName()));
            } else if (resource instanceof Pipeline pipeline) {
                list(pipeline.getSpec().getParams()).forEach(param -> params.add(param(param.getName(), param.getDefault())));
                list(pipeline.getSpec().getResults()).forEach(result -> results.add(result.getName()));
            } else if (resource instanceof TriggerTemplate template) {
                list(template.getSpec().getParams()).forEach(param -> params.add(new String[] {param.getName(),
                        param.getDefault()}));
            }
        }

        assertThat(readme).as("headings").contains("## Parameters", "## Usage");
        if (!results.isEmpty()) {
            assertThat(readme).as("headings").contains("## Workspaces", "## Results");
        }
        assertThat(params).as("params").isNotEmpty().allSatisfy(param -> assertThat(readme)
                .as("a README line with `%s` and %s", param[0], param[1] == null ? "'required'" : "`" + param[1] + "`")
                .anyMatch(line -> line.contains("`" + param[0] + "`") && (param[1] == null ? line.contains("required")
                        : line.contains("`" + (param[1].isEmpty() ? "\"\"" : param[1]) + "`"))));
        assertThat(results).allSatisfy(result -> assertThat(readme).as("a README line with `%s`", result)
                .anyMatch(line -> line.contains("`" + result + "`")));
    }

    private static String[] param(String name, ParamValue defaultValue) {
        return new String[] {name, defaultValue == null ? null : defaultValue.getStringVal()};
    }

    private static Path resourceFile(Path entry) {
        return entry.resolve(entry.getParent().getFileName() + ".yaml");
    }

    private static List<String> children(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(child -> child.getFileName().toString()).sorted().toList();
        }
    }
}
