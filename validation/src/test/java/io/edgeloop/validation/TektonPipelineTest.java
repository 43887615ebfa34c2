package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.tekton.pod.Template;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineResult;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskResult;
import io.fabric8.tekton.v1.TaskRun;
import io.fabric8.tekton.v1.TaskSpec;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Tasks and Pipelines of the kustomize base and the runs of the samples and tests, each checked on its own and
 * against the others: params camelCase and described, credentials only from Secrets, every step unprivileged.
 */
@ExtendWith(FileNameInFailures.class)
class TektonPipelineTest {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i)password|secret|access_?key|token");
    private static final Pattern TASK_RESULT = Pattern.compile("\\$\\(tasks\\.([A-Za-z0-9_-]+)\\.results\\.([A-Za-z0-9_-]+)");
    static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");
    /** A placeholder of an example Secret, as in the {@code *.env.example} files of manifests/. */
    private static final Pattern PLACEHOLDER = Pattern.compile("CHANGE-ME-[a-z0-9-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<Task>> tasks() {
        return named(TektonResources.base(), Task.class);
    }

    static Stream<Named<Pipeline>> pipelines() {
        return named(TektonResources.base(), Pipeline.class);
    }

    static Stream<Named<PipelineRun>> examplePipelineRuns() {
        return named(TektonResources.examples(), PipelineRun.class);
    }

    static Stream<Named<TaskRun>> exampleTaskRuns() {
        return named(TektonResources.examples(), TaskRun.class);
    }

    static Stream<Named<Secret>> exampleSecrets() {
        return named(TektonResources.examples(), Secret.class);
    }

    @Test
    void baseHasTasksAndPipelines() {
        assertThat(tasks()).as("Tasks").isNotEmpty();
        assertThat(pipelines()).as("Pipelines").isNotEmpty();
    }

    @Test
    void examplesHavePipelineRunsTaskRunsAndTheSecret() {
        assertThat(examplePipelineRuns()).as("PipelineRuns of samples/ and tests/").isNotEmpty();
        assertThat(exampleTaskRuns()).as("TaskRuns of samples/ and tests/").isNotEmpty();
        assertThat(exampleSecrets()).as("Secrets of samples/").isNotEmpty();
    }

    // The base holds no Secret (an installation brings its own); a sample shows its keys with placeholders only.
    @Test
    void secretsAreOnlyExamplesWithPlaceholders() {
        assertThat(TektonResources.ofKind(TektonResources.base(), Secret.class)).as("Secrets in the base").isEmpty();
        assertThat(exampleSecrets()).allSatisfy(named -> {
            Secret secret = named.getPayload();
            assertThat(secret.getData()).as("%s data (base64 hides what it holds)", named.getName()).isNullOrEmpty();
            assertThat(secret.getStringData()).as("%s stringData", named.getName()).isNotEmpty()
                    .allSatisfy((key, value) -> assertThat(value).as("%s %s", named.getName(), key)
                            .matches(PLACEHOLDER));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void taskParamReferencesAreDeclaredParams(Task task) {
        assertThat(names(task.getSpec().getParams()))
                .containsAll(TektonVariables.names("params", task.getSpec()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void taskResultReferencesAreDeclaredResults(Task task) {
        assertThat(resultNames(task)).containsAll(TektonVariables.names("results", task.getSpec()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void taskParamsAndResultsAreDescribed(Task task) {
        assertThat(task.getSpec().getDescription()).as("spec.description").isNotBlank();
        assertThat(task.getSpec().getParams()).as("params without a description")
                .filteredOn(param -> blank(param.getDescription())).extracting(ParamSpec::getName).isEmpty();
        assertThat(list(task.getSpec().getResults())).as("results without a description")
                .filteredOn(result -> blank(result.getDescription())).extracting(TaskResult::getName).isEmpty();
    }

    // A step without limits may starve its node; one without requests may land on a node that cannot hold it.
    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void stepsRequestAndLimitCpuAndMemory(Task task) {
        for (Step step : task.getSpec().getSteps()) {
            assertThat(step.getComputeResources()).as("step %s computeResources", step.getName()).isNotNull();
            assertThat(step.getComputeResources().getRequests()).as("step %s requests", step.getName())
                    .containsKeys("cpu", "memory");
            assertThat(step.getComputeResources().getLimits()).as("step %s limits", step.getName())
                    .containsKeys("cpu", "memory");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void taskParamsAreCamelCase(Task task) {
        assertThat(names(task.getSpec().getParams())).allSatisfy(name -> assertThat(name).matches(CAMEL_CASE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void stepsRunAsNonRootWithoutPrivileges(Task task) {
        assertStepsRunAsNonRoot(task.getSpec());
    }

    // A param naming a Secret (s3Secret) is only ever that name: its value cannot end up in an arg, a script or a log.
    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void credentialParamsOnlyNameTheSecretOfASecretKeyRef(Task task) {
        Set<String> credentialParams = names(task.getSpec().getParams()).stream()
                .filter(name -> SECRET_NAME.matcher(name).find()).collect(Collectors.toSet());
        JsonNode withoutSecretNames = withoutSecretKeyRefNames(JSON.valueToTree(task.getSpec()));

        assertThat(TektonVariables.names("params", task.getSpec())).as("params used").containsAll(credentialParams);
        assertThat(TektonVariables.names("params", withoutSecretNames)).as("params used outside secretKeyRef names")
                .doesNotContainAnyElementsOf(credentialParams);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void secretsComeOnlyFromSecrets(Task task) {
        for (Step step : task.getSpec().getSteps()) {
            for (EnvVar env : list(step.getEnv())) {
                if (SECRET_NAME.matcher(env.getName()).find()) {
                    assertThat(env.getValue()).as("step %s env %s value", step.getName(), env.getName()).isNull();
                    assertThat(env.getValueFrom()).as("step %s env %s valueFrom", step.getName(), env.getName())
                            .isNotNull();
                    assertThat(env.getValueFrom().getSecretKeyRef())
                            .as("step %s env %s secretKeyRef", step.getName(), env.getName()).isNotNull();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void pipelineParamReferencesAreDeclaredParams(Pipeline pipeline) {
        assertThat(names(pipeline.getSpec().getParams()))
                .containsAll(TektonVariables.names("params", pipeline.getSpec()));
    }

    // Outside callers keep their names: delivery's PipelineRuns pass the demo's names (TrainModelContractTest).
    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void pipelineParamsAreCamelCaseButTheNamesOutsideCallersPass(Pipeline pipeline) {
        assertThat(names(pipeline.getSpec().getParams())).filteredOn(name -> !CAMEL_CASE.matcher(name).matches())
                .as("params not camelCase").isSubsetOf(TrainModelContractTest.DELIVERY_PARAMS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void pipelineParamsAndResultsAreDescribed(Pipeline pipeline) {
        assertThat(pipeline.getSpec().getDescription()).as("spec.description").isNotBlank();
        assertThat(pipeline.getSpec().getParams()).as("params without a description")
                .filteredOn(param -> blank(param.getDescription())).extracting(ParamSpec::getName).isEmpty();
        assertThat(list(pipeline.getSpec().getResults())).as("results without a description")
                .filteredOn(result -> blank(result.getDescription())).extracting(PipelineResult::getName).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void everyPipelineParamIsPassedToATask(Pipeline pipeline) {
        Set<String> passed = pipeline.getSpec().getTasks().stream()
                .flatMap(task -> TektonVariables.names("params", list(task.getParams())).stream())
                .collect(Collectors.toSet());

        assertThat(passed).containsAll(names(pipeline.getSpec().getParams()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void pipelineTasksReferenceTasksOfTheBase(Pipeline pipeline) {
        assertThat(pipeline.getSpec().getTasks()).allSatisfy(pipelineTask -> {
            assertThat(pipelineTask.getTaskRef()).as("%s taskRef", pipelineTask.getName()).isNotNull();
            assertThat(TektonResources.named(Task.class, pipelineTask.getTaskRef().getName()))
                    .as("Task %s", pipelineTask.getTaskRef().getName()).isPresent();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void pipelineTasksPassOnlyDeclaredParamsAndEveryRequiredOne(Pipeline pipeline) {
        for (PipelineTask pipelineTask : pipeline.getSpec().getTasks()) {
            Task task = TektonResources.require(Task.class, pipelineTask.getTaskRef().getName());
            Set<String> passed = new TreeSet<>(list(pipelineTask.getParams()).stream().map(Param::getName).toList());

            assertThat(names(task.getSpec().getParams())).as("params of Task %s", task.getMetadata().getName())
                    .containsAll(passed);
            assertThat(passed).as("params passed to %s", pipelineTask.getName())
                    .containsAll(requiredNames(task.getSpec().getParams()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void pipelineResultsNameTheResultOfAPipelineTask(Pipeline pipeline) {
        for (PipelineResult result : list(pipeline.getSpec().getResults())) {
            Matcher reference = TASK_RESULT.matcher(TektonVariables.text(result.getValue()));
            assertThat(reference.find()).as("result %s refers to $(tasks.<task>.results.<result>)", result.getName())
                    .isTrue();
            PipelineTask pipelineTask = pipeline.getSpec().getTasks().stream()
                    .filter(candidate -> candidate.getName().equals(reference.group(1))).findFirst().orElse(null);
            assertThat(pipelineTask).as("pipeline task %s", reference.group(1)).isNotNull();
            Task task = TektonResources.require(Task.class, pipelineTask.getTaskRef().getName());
            assertThat(resultNames(task)).as("results of Task %s", task.getMetadata().getName())
                    .contains(reference.group(2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplePipelineRuns")
    void examplePipelineRunsPassOnlyDeclaredParamsAndEveryRequiredOne(PipelineRun run) {
        Pipeline pipeline = TektonResources.require(Pipeline.class, run.getSpec().getPipelineRef().getName());
        Set<String> passed = new TreeSet<>(list(run.getSpec().getParams()).stream().map(Param::getName).toList());

        assertThat(names(pipeline.getSpec().getParams())).as("pipeline params").containsAll(passed);
        assertThat(passed).as("params of the run").containsAll(requiredNames(pipeline.getSpec().getParams()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplePipelineRuns")
    void examplePipelineRunPodsRunAsNonRoot(PipelineRun run) {
        assertThat(run.getSpec().getTaskRunTemplate()).as("spec.taskRunTemplate").isNotNull();
        assertPodRunsAsNonRoot(run.getSpec().getTaskRunTemplate().getPodTemplate());
    }

    // A run of a Task of the base, or of a Task of its own (a test's helper), checked like the base's.
    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleTaskRuns")
    void exampleTaskRunsRunATaskOfTheBaseWithItsParamsOrAnUnprivilegedTaskOfTheirOwn(TaskRun run) {
        if (run.getSpec().getTaskRef() != null) {
            Task task = TektonResources.require(Task.class, run.getSpec().getTaskRef().getName());
            Set<String> passed = new TreeSet<>(list(run.getSpec().getParams()).stream().map(Param::getName).toList());
            assertThat(names(task.getSpec().getParams())).as("task params").containsAll(passed);
            assertThat(passed).as("params of the run").containsAll(requiredNames(task.getSpec().getParams()));
        } else {
            TaskSpec spec = run.getSpec().getTaskSpec();
            assertThat(spec).as("taskRef or taskSpec").isNotNull();
            assertStepsRunAsNonRoot(spec);
            assertThat(spec.getSteps()).allSatisfy(step -> {
                assertThat(step.getComputeResources().getRequests()).as(step.getName()).containsKeys("cpu", "memory");
                assertThat(step.getComputeResources().getLimits()).as(step.getName()).containsKeys("cpu", "memory");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleTaskRuns")
    void exampleTaskRunPodsRunAsNonRoot(TaskRun run) {
        assertPodRunsAsNonRoot(run.getSpec().getPodTemplate());
    }

    /** Every step, with what the stepTemplate gives it, runs as a user other than root and cannot gain privileges. */
    static void assertStepsRunAsNonRoot(TaskSpec spec) {
        SecurityContext template = spec.getStepTemplate() == null ? null : spec.getStepTemplate().getSecurityContext();
        assertThat(spec.getSteps()).as("steps").isNotEmpty();
        for (Step step : spec.getSteps()) {
            SecurityContext own = step.getSecurityContext();
            assertThat(effective(own, template, SecurityContext::getRunAsNonRoot))
                    .as("step %s securityContext.runAsNonRoot (its own or the stepTemplate's)", step.getName()).isTrue();
            assertThat(effective(own, template, SecurityContext::getRunAsUser))
                    .as("step %s securityContext.runAsUser", step.getName()).isNotNull().isPositive();
            assertThat(effective(own, template, SecurityContext::getAllowPrivilegeEscalation))
                    .as("step %s securityContext.allowPrivilegeEscalation", step.getName()).isFalse();
        }
    }

    /** The pod of a run (Tekton's own containers too) runs as a user other than root. */
    static void assertPodRunsAsNonRoot(Template podTemplate) {
        assertThat(podTemplate).as("podTemplate").isNotNull();
        PodSecurityContext context = podTemplate.getSecurityContext();
        assertThat(context).as("podTemplate.securityContext").isNotNull();
        assertThat(context.getRunAsNonRoot()).as("podTemplate.securityContext.runAsNonRoot").isTrue();
        assertThat(context.getRunAsUser()).as("podTemplate.securityContext.runAsUser").isNotNull().isPositive();
    }

    private static <T> T effective(SecurityContext own, SecurityContext template, Function<SecurityContext, T> field) {
        T value = own == null ? null : field.apply(own);
        return value != null || template == null ? value : field.apply(template);
    }

    /** The tree without the names of the Secrets that secretKeyRefs read. */
    private static JsonNode withoutSecretKeyRefNames(JsonNode node) {
        if (node instanceof ObjectNode object && object.get("secretKeyRef") instanceof ObjectNode secretKeyRef) {
            secretKeyRef.remove("name");
        }
        node.forEach(TektonPipelineTest::withoutSecretKeyRefNames);
        return node;
    }

    static Set<String> names(List<ParamSpec> params) {
        return list(params).stream().map(ParamSpec::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> requiredNames(List<ParamSpec> params) {
        return list(params).stream().filter(param -> param.getDefault() == null).map(ParamSpec::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> resultNames(Task task) {
        return list(task.getSpec().getResults()).stream().map(TaskResult::getName).collect(Collectors.toSet());
    }

    static <T extends HasMetadata> Stream<Named<T>> named(List<TektonResources.Resource> resources, Class<T> type) {
        return resources.stream().filter(resource -> type.isInstance(resource.model()))
                .map(resource -> Named.of(RepositoryFiles.relative(resource.file()) + " "
                        + Objects.requireNonNullElse(resource.model().getMetadata().getName(),
                                resource.model().getMetadata().getGenerateName()),
                        type.cast(resource.model())));
    }

    static <T> List<T> list(List<T> list) {
        return Objects.requireNonNullElse(list, List.of());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
