package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplate;
import io.fabric8.tekton.v1.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Proves that a misspelled field fails the Tekton checks instead of being swallowed by the fabric8 model. */
class StrictTektonReaderTest {

    private static final String TASK = """
            apiVersion: tekton.dev/v1
            kind: Task
            metadata:
              name: demo
              labels:
                app.kubernetes.io/version: "0.1"
            spec:
              params:
                - name: who
                  type: string
                  description: Whom to greet.
                  default: world
              stepTemplate:
                securityContext:
                  runAsNonRoot: true
                  runAsUser: 65532
              steps:
                - name: greet
                  image: busybox
                  args: ["echo", "$(params.who)"]
                  env:
                    - name: TOKEN
                      valueFrom:
                        secretKeyRef:
                          name: demo
                          key: token
                  computeResources:
                    limits:
                      memory: 64Mi
            """;

    private static final String TEMPLATE = """
            apiVersion: triggers.tekton.dev/v1beta1
            kind: TriggerTemplate
            metadata:
              name: demo
            spec:
              params:
                - name: who
                  description: Whom to greet.
              resourcetemplates:
                - apiVersion: tekton.dev/v1
                  kind: PipelineRun
                  metadata:
                    generateName: demo-
                  spec:
                    pipelineRef:
                      name: demo
                    params:
                      - name: who
                        value: $(tt.params.who)
            """;

    // Control for the negative cases below: they fail because of the misspelling alone.
    @Test
    void readsTheCorrectlySpelledResources() throws Exception {
        assertThat(TektonResources.read(TASK)).singleElement().isInstanceOf(Task.class);
        TriggerTemplate template = (TriggerTemplate) TektonResources.read(TEMPLATE).get(0);
        assertThat(TektonResources.pipelineRun(template.getSpec().getResourcetemplates().get(0))
                .getSpec().getPipelineRef().getName()).isEqualTo("demo");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "metdata",
        "metadata.lables",
        "spec.stpes",
        "spec.params.0.defualt",
        "spec.steps.0.imagee",
        "spec.steps.0.resources",
        "spec.steps.0.env.0.valueFrom.secretKeyRef.nmae",
        "spec.steps.0.computeResources.limit",
        "spec.stepTemplat",
        "spec.stepTemplate.securityContext.runAsNonroot"})
    void misspelledTaskFieldIsRejected(String path) throws Exception {
        String misspelled = withExtraField(TASK, path);

        assertThatThrownBy(() -> TektonResources.read(misspelled))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining(path.substring(path.lastIndexOf('.') + 1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spec.resourcetemplate", "spec.params.0.defualt"})
    void misspelledTemplateFieldIsRejected(String path) throws Exception {
        String misspelled = withExtraField(TEMPLATE, path);

        assertThatThrownBy(() -> TektonResources.read(misspelled))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    // The templated resources are held as maps by design: the PipelineRun inside is read as strictly as a file.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "spec.resourcetemplates.0.metdata",
        "spec.resourcetemplates.0.spec.pipelineref",
        "spec.resourcetemplates.0.spec.params.0.vaule"})
    void misspelledFieldOfTheTemplatedPipelineRunIsRejected(String path) throws Exception {
        TriggerTemplate template = (TriggerTemplate) TektonResources.read(withExtraField(TEMPLATE, path)).get(0);

        assertThatThrownBy(() -> TektonResources.pipelineRun(template.getSpec().getResourcetemplates().get(0)))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining(path.substring(path.lastIndexOf('.') + 1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tekton.dev/v1beta1", "tekton.dev/v2"})
    void otherApiVersionIsRejected(String apiVersion) {
        String other = TASK.replace("apiVersion: tekton.dev/v1", "apiVersion: " + apiVersion);

        assertThatThrownBy(() -> TektonResources.read(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unexpected kind '" + apiVersion + " Task'");
    }

    @Test
    void templatedResourceOtherThanAPipelineRunIsRejected() throws Exception {
        TriggerTemplate template = (TriggerTemplate) TektonResources.read(
                TEMPLATE.replace("kind: PipelineRun", "kind: TaskRun")).get(0);

        assertThatThrownBy(() -> TektonResources.pipelineRun(template.getSpec().getResourcetemplates().get(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tekton.dev/v1 TaskRun");
    }

    @Test
    void duplicateKeyIsRejected() {
        String duplicateImage = TASK.replace("image: busybox", "image: busybox\n      image: alpine");

        assertThatThrownBy(() -> TektonResources.read(duplicateImage))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'image'");
    }

    /** The YAML with a field added at the dotted path, list elements by index, e.g. {@code spec.steps.0.imagee}. */
    private static String withExtraField(String yaml, String path) throws Exception {
        JsonNode parent = CamelYamlDsl.YAML.readTree(yaml);
        JsonNode root = parent;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length - 1; i++) {
            parent = parent instanceof ArrayNode ? parent.get(Integer.parseInt(names[i])) : parent.get(names[i]);
        }
        ((ObjectNode) parent).put(names[names.length - 1], "x");
        return CamelYamlDsl.YAML.writeValueAsString(root);
    }
}
