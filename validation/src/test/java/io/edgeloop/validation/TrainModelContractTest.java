package io.edgeloop.validation;

import static io.edgeloop.validation.TektonPipelineTest.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.tekton.triggers.v1beta1.EventListener;
import io.fabric8.tekton.triggers.v1beta1.TriggerBinding;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplate;
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
 * The contract of the training pipeline with its callers (delivery, in both modes) and with the trainer CLI,
 * keeping the names of the original demo.
 */
class TrainModelContractTest {

    private static final String NAME = "train-model";
    /** The params of the PipelineRuns that delivery creates in mode pipelinerun. */
    private static final Set<String> DELIVERY_PARAMS = Set.of("s3bucket_data", "s3bucket_models", "s3bucket_ready", "edge_id");
    /** The trainer option each pipeline param reaches, in the order of the step's args. */
    private static final Map<String, String> TRAINER_OPTIONS = options(
            "--edge", "$(params.edge_id)",
            "--s3-endpoint", "$(params.s3endpoint)",
            "--data-bucket", "$(params.s3bucket_data)",
            "--models-bucket", "$(params.s3bucket_models)",
            "--ready-bucket", "$(params.s3bucket_ready)",
            "--model-name", "$(params.model_name)",
            "--seed", "$(params.seed)",
            "--kafka-brokers", "$(params.kafka_brokers)",
            "--batch-id", "$(params.batch_id)",
            "--version-file", "$(results.version.path)");

    @Test
    void pipelineDeclaresTheParamsOfTheOriginalDemoAndTheOptionalOnes() {
        assertThat(TektonPipelineTest.names(pipeline().getSpec().getParams())).containsExactlyInAnyOrder(
                "s3bucket_data", "s3bucket_models", "s3bucket_ready", "s3endpoint", "edge_id", "model_name",
                "kafka_brokers", "batch_id", "seed");
        assertThat(defaults(pipeline().getSpec().getParams())).contains(
                entry("model_name", "tea_model_b64"), entry("kafka_brokers", ""), entry("batch_id", ""));
    }

    @Test
    void theParamsDeliveryPassesAreEnoughToRunThePipeline() {
        assertThat(TektonPipelineTest.requiredNames(pipeline().getSpec().getParams()))
                .containsExactlyInAnyOrderElementsOf(DELIVERY_PARAMS);
    }

    @Test
    void taskTakesThePipelineParamsWithTheSameDefaults() {
        Map<String, String> taskDefaults = defaults(task().getSpec().getParams());

        assertThat(TektonPipelineTest.names(task().getSpec().getParams()))
                .containsAll(TektonPipelineTest.names(pipeline().getSpec().getParams()));
        defaults(pipeline().getSpec().getParams()).forEach((name, value) ->
                assertThat(taskDefaults).as("default of task param %s", name).containsEntry(name, value));
    }

    @Test
    void stepRunsTheTrainerImageWithItsCliOptions() {
        Step step = trainStep();

        assertThat(step.getImage()).isEqualTo("$(params.trainer_image)");
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
                .satisfies(secret -> assertThat(secret.getName()).isEqualTo("$(params.s3_secret)"))
                .satisfies(secret -> assertThat(secret.getKey()).isEqualTo("accessKey"));
        assertThat(env.get("AWS_SECRET_ACCESS_KEY").getValueFrom().getSecretKeyRef())
                .satisfies(secret -> assertThat(secret.getName()).isEqualTo("$(params.s3_secret)"))
                .satisfies(secret -> assertThat(secret.getKey()).isEqualTo("secretKey"));
        assertThat(defaults(task().getSpec().getParams())).containsEntry("s3_secret", "edgeloop-s3");
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
                        "edge_id", "$(body.id-edge)",
                        "s3bucket_data", "$(body.id-edge)-data",
                        "s3bucket_models", "$(body.id-edge)-models",
                        "s3bucket_ready", "$(body.id-edge)-ready",
                        "batch_id", "$(body.batch-id)"));
    }

    // The same run as delivery's mode pipelinerun: the name train-model-<edge>-..., every pipeline param.
    @Test
    void templateCreatesAPipelineRunOfTheEdgeWithEveryPipelineParam() throws IOException {
        TriggerTemplate template = TektonResources.require(TriggerTemplate.class, "train-model-template");
        List<PipelineRun> runs = TektonTriggersTest.pipelineRuns(template);

        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.getMetadata().getGenerateName()).isEqualTo("train-model-$(tt.params.edge_id)-");
            assertThat(run.getSpec().getPipelineRef().getName()).isEqualTo(NAME);
            assertThat(list(run.getSpec().getParams())).extracting("name")
                    .containsExactlyInAnyOrderElementsOf(TektonPipelineTest.names(pipeline().getSpec().getParams()));
        });
    }

    private static Pipeline pipeline() {
        return TektonResources.require(Pipeline.class, NAME);
    }

    private static Task task() {
        return TektonResources.require(Task.class, NAME);
    }

    private static Step trainStep() {
        assertThat(task().getSpec().getSteps()).as("steps").hasSize(1);
        return task().getSpec().getSteps().get(0);
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
