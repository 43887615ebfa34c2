package io.edgeloop.validation;

import static io.edgeloop.validation.TektonPipelineTest.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.tekton.triggers.v1beta1.EventListener;
import io.fabric8.tekton.triggers.v1beta1.TriggerBinding;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplate;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract of the training pipeline with its callers (delivery, in both modes) and with the trainer CLI:
 * the names of the original demo where callers pass them (the body's id-edge and batch-id, the four params of
 * delivery's PipelineRuns), camelCase inside.
 */
class TrainModelContractTest {

    private static final String NAME = "train-model";
    /** The params of the PipelineRuns that delivery creates in mode pipelinerun. */
    static final Set<String> DELIVERY_PARAMS = Set.of("s3bucket_data", "s3bucket_models", "s3bucket_ready", "edge_id");
    /** The task param each pipeline param is passed as: the demo's names outside, camelCase inside. */
    private static final Map<String, String> TASK_PARAMS = Map.of(
            "edge_id", "edgeId",
            "s3bucket_data", "s3BucketData",
            "s3bucket_models", "s3BucketModels",
            "s3bucket_ready", "s3BucketReady",
            "s3Endpoint", "s3Endpoint",
            "modelName", "modelName",
            "kafkaBrokers", "kafkaBrokers",
            "batchId", "batchId",
            "seed", "seed",
            "baseModelUrl", "baseModelUrl");
    /** The trainer option each task param reaches, in the order of the step's args. */
    private static final Map<String, String> TRAINER_OPTIONS = options(
            "--edge", "$(params.edgeId)",
            "--s3-endpoint", "$(params.s3Endpoint)",
            "--data-bucket", "$(params.s3BucketData)",
            "--models-bucket", "$(params.s3BucketModels)",
            "--ready-bucket", "$(params.s3BucketReady)",
            "--model-name", "$(params.modelName)",
            "--seed", "$(params.seed)",
            "--kafka-brokers", "$(params.kafkaBrokers)",
            "--batch-id", "$(params.batchId)",
            "--version-file", "$(results.version.path)",
            "--base-model", "/base-model/model",
            "--base-model-optional", "true",
            "--base-model-scale", "$(params.baseModelScale)",
            "--base-model-output", "$(params.baseModelOutput)");

    @Test
    void pipelineDeclaresTheParamsOfTheOriginalDemoAndTheOptionalOnes() {
        assertThat(TektonPipelineTest.names(pipeline().getSpec().getParams())).containsExactlyInAnyOrder(
                "s3bucket_data", "s3bucket_models", "s3bucket_ready", "s3Endpoint", "edge_id", "modelName",
                "kafkaBrokers", "batchId", "seed", "baseModelUrl");
        assertThat(defaults(pipeline().getSpec().getParams())).contains(
                entry("modelName", "tea_model_b64"), entry("kafkaBrokers", ""), entry("batchId", ""),
                entry("baseModelUrl", ""));
    }

    @Test
    void theParamsDeliveryPassesAreEnoughToRunThePipeline() {
        assertThat(TektonPipelineTest.requiredNames(pipeline().getSpec().getParams()))
                .containsExactlyInAnyOrderElementsOf(DELIVERY_PARAMS);
    }

    @Test
    void pipelinePassesEachParamAsItsCamelCaseTaskParam() {
        assertThat(pipeline().getSpec().getTasks()).singleElement().satisfies(train -> {
            assertThat(train.getName()).isEqualTo("train");
            assertThat(train.getTaskRef().getName()).isEqualTo(NAME);
            assertThat(list(train.getParams()).stream().collect(Collectors.toMap(Param::getName,
                    param -> param.getValue().getStringVal()))).containsExactlyInAnyOrderEntriesOf(
                    TASK_PARAMS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getValue,
                            passed -> "$(params." + passed.getKey() + ")")));
        });
    }

    // Required in both or with the same default in both: a run of the Task alone trains as the pipeline does.
    @Test
    void taskTakesThePipelineParamsWithTheSameDefaults() {
        Map<String, String> pipelineDefaults = defaults(pipeline().getSpec().getParams());
        Map<String, String> taskDefaults = defaults(task().getSpec().getParams());

        assertThat(TektonPipelineTest.names(task().getSpec().getParams())).containsAll(TASK_PARAMS.values());
        TASK_PARAMS.forEach((pipelineParam, taskParam) -> assertThat(taskDefaults.get(taskParam))
                .as("default of task param %s and pipeline param %s", taskParam, pipelineParam)
                .isEqualTo(pipelineDefaults.get(pipelineParam)));
    }

    @Test
    void stepRunsTheTrainerImageWithItsCliOptions() {
        Step step = trainStep();

        assertThat(step.getImage()).isEqualTo("$(params.trainerImage)");
        assertThat(step.getCommand()).as("command: the image's entrypoint is the trainer CLI").isNullOrEmpty();
        assertThat(step.getScript()).as("script").isNull();
        assertThat(options(step.getArgs().toArray(String[]::new))).containsExactlyEntriesOf(TRAINER_OPTIONS);
    }

    @Test
    void s3CredentialsComeFromTheSecretAsAwsEnvironment() {
        Map<String, EnvVar> env = list(trainStep().getEnv()).stream()
                .collect(Collectors.toMap(EnvVar::getName, variable -> variable));

        assertThat(env).containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        assertThat(env.get("AWS_ACCESS_KEY_ID").getValueFrom().getSecretKeyRef())
                .satisfies(secret -> assertThat(secret.getName()).isEqualTo("$(params.s3Secret)"))
                .satisfies(secret -> assertThat(secret.getKey()).isEqualTo("accessKey"));
        assertThat(env.get("AWS_SECRET_ACCESS_KEY").getValueFrom().getSecretKeyRef())
                .satisfies(secret -> assertThat(secret.getName()).isEqualTo("$(params.s3Secret)"))
                .satisfies(secret -> assertThat(secret.getKey()).isEqualTo("secretKey"));
        assertThat(defaults(task().getSpec().getParams())).containsEntry("s3Secret", "edgeloop-s3");
    }

    @Test
    void pipelineExposesThePublishedVersion() {
        assertThat(pipeline().getSpec().getResults()).singleElement().satisfies(result -> {
            assertThat(result.getName()).isEqualTo("version");
            assertThat(result.getValue().getStringVal()).isEqualTo("$(tasks.train.results.version)");
        });
    }

    // delivery (mode eventlistener) POSTs {"id-edge", "batch-id"} to the Service el-train-model-listener.
    @Test
    void listenerTakesTheBodyDeliveryPosts() {
        EventListener listener = TektonResources.require(EventListener.class, "train-model-listener");
        TriggerBinding binding = TektonResources.require(TriggerBinding.class, "train-model-binding");

        assertThat(listener.getSpec().getTriggers()).singleElement().satisfies(trigger -> {
            assertThat(trigger.getBindings()).extracting("ref").containsExactly("train-model-binding");
            assertThat(trigger.getTemplate().getRef()).isEqualTo("train-model-template");
        });
        assertThat(binding.getSpec().getParams().stream()
                .collect(Collectors.toMap(param -> param.getName(), param -> param.getValue())))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "edgeId", "$(body.id-edge)",
                        "s3BucketData", "$(body.id-edge)-data",
                        "s3BucketModels", "$(body.id-edge)-models",
                        "s3BucketReady", "$(body.id-edge)-ready",
                        "batchId", "$(body.batch-id)"));
    }

    // The same run as delivery's mode pipelinerun: the name train-model-<edge>-..., every pipeline param.
    @Test
    void templateCreatesAPipelineRunOfTheEdgeWithEveryPipelineParam() throws IOException {
        TriggerTemplate template = TektonResources.require(TriggerTemplate.class, "train-model-template");
        List<PipelineRun> runs = TektonTriggersTest.pipelineRuns(template);

        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.getMetadata().getGenerateName()).isEqualTo("train-model-$(tt.params.edgeId)-");
            assertThat(run.getSpec().getPipelineRef().getName()).isEqualTo(NAME);
            assertThat(list(run.getSpec().getParams())).extracting("name")
                    .containsExactlyInAnyOrderElementsOf(TektonPipelineTest.names(pipeline().getSpec().getParams()));
            // Each pipeline param from the template param of the task's (camelCase) name.
            assertThat(list(run.getSpec().getParams()).stream().collect(Collectors.toMap(Param::getName,
                    param -> param.getValue().getStringVal()))).containsExactlyInAnyOrderEntriesOf(
                    TASK_PARAMS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            passed -> "$(tt.params." + passed.getValue() + ")")));
        });
    }

    // What delivery creates in mode pipelinerun, as a sample the other checks run against the pipeline.
    @Test
    void aSampleIsThePipelineRunDeliveryCreates() {
        assertThat(TektonResources.examples()).filteredOn(resource ->
                        resource.file().getFileName().toString().equals("delivery-pipelinerun.yaml"))
                .extracting(TektonResources.Resource::model).singleElement().isInstanceOfSatisfying(PipelineRun.class,
                        run -> {
                            assertThat(run.getSpec().getPipelineRef().getName()).isEqualTo(NAME);
                            assertThat(list(run.getSpec().getParams())).extracting(Param::getName)
                                    .containsExactlyInAnyOrderElementsOf(DELIVERY_PARAMS);
                        });
    }

    private static Pipeline pipeline() {
        return TektonResources.require(Pipeline.class, NAME);
    }

    private static Task task() {
        return TektonResources.require(Task.class, NAME);
    }

    // The base model is optional: without baseModelUrl the fetch step does nothing and the trainer, told
    // --base-model-optional true, trains without one; with it, the trainer reads what the fetch step unpacked.
    @Test
    void aBaseModelUrlIsFetchedIntoAVolumeTheTrainerReadsBeforeTraining() {
        assertThat(task().getSpec().getSteps()).extracting(Step::getName)
                .containsExactly("fetch-base-model", "train");
        Step fetch = task().getSpec().getSteps().get(0);
        assertThat(defaults(task().getSpec().getParams())).contains(entry("baseModelUrl", ""),
                entry("baseModelScale", "0-1"), entry("baseModelOutput", ""));
        assertThat(list(fetch.getEnv())).singleElement().satisfies(env -> {
            assertThat(env.getName()).isEqualTo("BASE_MODEL_URL");
            assertThat(env.getValue()).isEqualTo("$(params.baseModelUrl)");
        });
        assertThat(fetch.getScript()).as("the URL reaches the script only through the environment")
                .doesNotContain("$(params.").contains("if [ -z \"$BASE_MODEL_URL\" ]", "/base-model/model");
        assertThat(task().getSpec().getVolumes()).singleElement().satisfies(volume -> {
            assertThat(volume.getName()).isEqualTo("base-model");
            assertThat(volume.getEmptyDir()).isNotNull();
        });
        assertThat(fetch.getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getName()).isEqualTo("base-model");
            assertThat(mount.getMountPath()).isEqualTo("/base-model");
            assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        });
        assertThat(trainStep().getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getName()).isEqualTo("base-model");
            assertThat(mount.getMountPath()).isEqualTo("/base-model");
            assertThat(mount.getReadOnly()).isTrue();
        });
    }

    private static Step trainStep() {
        return task().getSpec().getSteps().stream().filter(step -> step.getName().equals("train")).findFirst()
                .orElseThrow(() -> new AssertionError("the Task has no step train"));
    }

    private static Map<String, String> defaults(List<ParamSpec> params) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (ParamSpec param : params) {
            ParamValue value = param.getDefault();
            if (value != null) {
                defaults.put(param.getName(), value.getStringVal());
            }
        }
        return defaults;
    }

    /** {@code --option value} pairs in order; a lone or repeated option fails. */
    private static Map<String, String> options(String... args) {
        assertThat(args.length % 2).as("args are --option value pairs: %s", List.of(args)).isZero();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            assertThat(args[i]).as("arg %d", i).startsWith("--");
            assertThat(options.put(args[i], args[i + 1])).as("%s given twice", args[i]).isNull();
        }
        return options;
    }
}
