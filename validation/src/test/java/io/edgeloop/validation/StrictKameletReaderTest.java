package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Proves that a misspelled field fails the Kamelet checks instead of being swallowed by the model. */
class StrictKameletReaderTest {

    private static final String KAMELET = """
            apiVersion: camel.apache.org/v1
            kind: Kamelet
            metadata:
              name: demo-sink
              labels:
                camel.apache.org/kamelet.type: "sink"
            spec:
              definition:
                title: "Demo Sink"
                description: "Logs the body."
                required:
                  - topic
                type: object
                properties:
                  topic:
                    title: Topic
                    description: The topic.
                    type: string
              dependencies:
                - "camel:kamelet"
              template:
                from:
                  uri: "kamelet:source"
                  steps:
                    - to: "log:{{topic}}"
            """;

    // Control for the negative cases below: they fail because of the misspelling alone.
    @Test
    void readsTheCorrectlySpelledKamelet() throws Exception {
        assertThat(StrictKameletReader.read(KAMELET).getSpec().getDefinition().getProperties()).containsKey("topic");
        assertThat(KameletTemplate.violations(StrictKameletReader.read(KAMELET).getSpec().getTemplate())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "metdata",
        "metadata.lables",
        "spec.dependecies",
        "spec.definition.requried",
        "spec.definition.properties.topic.titel",
        "spec.definition.properties.topic.x-descriptor"})
    void misspelledFieldIsRejected(String path) throws Exception {
        String misspelled = withExtraField(path);

        assertThatThrownBy(() -> StrictKameletReader.read(misspelled))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining(path.substring(path.lastIndexOf('.') + 1));
    }

    // The template keeps any key by design, so its misspellings are left to the schema check.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spec.template.form", "spec.template.from.stpes"})
    void misspelledTemplateFieldFailsTheSchemaCheck(String path) throws Exception {
        String misspelled = withExtraField(path);

        assertThat(KameletTemplate.violations(StrictKameletReader.read(misspelled).getSpec().getTemplate()))
                .isNotEmpty();
    }

    /** The Kamelet above with a field added at the dotted path, e.g. {@code spec.dependecies}. */
    private static String withExtraField(String path) throws Exception {
        ObjectNode kamelet = (ObjectNode) CamelYamlDsl.YAML.readTree(KAMELET);
        ObjectNode parent = kamelet;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length - 1; i++) {
            parent = (ObjectNode) parent.get(names[i]);
        }
        parent.put(names[names.length - 1], "x");
        return CamelYamlDsl.YAML.writeValueAsString(kamelet);
    }
}
