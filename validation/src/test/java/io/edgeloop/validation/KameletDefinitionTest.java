package io.edgeloop.validation;

import static io.edgeloop.validation.StrictKameletReader.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.v1.Kamelet;
import org.apache.camel.v1.kameletspec.Definition;
import org.apache.camel.v1.kameletspec.definition.Properties;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each check runs once per {@code kamelets/*.kamelet.yaml}; every file must also parse strictly. */
@ExtendWith(FileNameInFailures.class)
class KameletDefinitionTest {

    private static final String SUFFIX = ".kamelet.yaml";
    private static final String TYPE_LABEL = "camel.apache.org/kamelet.type";
    private static final String CREDENTIALS = "urn:camel:group:credentials";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)password|secret|accesskey|token");
    /** {@code {{name}}} or {@code {{name:default}}}; {@code {{?name}}} is optional and may stay unset. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(?!\\?)([^}:]+)(?::[^}]*)?}}");

    static Stream<Named<Path>> kamelets() {
        return RepositoryFiles.kamelets().stream().map(file -> Named.of(RepositoryFiles.relative(file), file));
    }

    @Test
    void repositoryHasKamelets() {
        assertThat(RepositoryFiles.kamelets()).as("kamelets/*" + SUFFIX).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void parsesStrictlyIntoTheCamelKModel(Path file) throws IOException {
        assertThat(read(file).getSpec()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void metadataNameIsTheFileName(Path file) throws IOException {
        String fileName = file.getFileName().toString();

        assertThat(read(file).getMetadata().getName())
                .isEqualTo(fileName.substring(0, fileName.length() - SUFFIX.length()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void typeLabelIsSourceSinkOrAction(Path file) throws IOException {
        assertThat(read(file).getMetadata().getLabels()).extractingByKey(TYPE_LABEL).isIn("source", "sink", "action");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void definitionHasTitleAndDescription(Path file) throws IOException {
        Definition definition = read(file).getSpec().getDefinition();

        assertThat(definition.getTitle()).as("title").isNotBlank();
        assertThat(definition.getDescription()).as("description").isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void everyPropertyHasTitleDescriptionAndType(Path file) throws IOException {
        List<String> missing = properties(read(file)).entrySet().stream().flatMap(property -> Stream.of(
                        blank(property.getValue().getTitle()) ? property.getKey() + ".title" : null,
                        blank(property.getValue().getDescription()) ? property.getKey() + ".description" : null,
                        blank(property.getValue().getType()) ? property.getKey() + ".type" : null))
                .filter(Objects::nonNull)
                .toList();

        assertThat(missing).as("missing property fields").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void requiredPropertiesAreDeclared(Path file) throws IOException {
        Kamelet kamelet = read(file);
        List<String> required = Objects.requireNonNullElse(kamelet.getSpec().getDefinition().getRequired(), List.of());

        assertThat(properties(kamelet).keySet()).containsAll(required);
    }

    // Editors and consoles mask "format: password" values and group the credentials descriptor together.
    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void secretPropertiesAreMaskedCredentials(Path file) throws IOException {
        properties(read(file)).forEach((name, property) -> {
            if (SECRET_NAME.matcher(name).find()) {
                assertThat(property.getFormat()).as("%s format", name).isEqualTo("password");
                assertThat(property.getXDescriptors()).as("%s x-descriptors", name).contains(CREDENTIALS);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void templatePlaceholdersAreDeclaredProperties(Path file) throws IOException {
        Kamelet kamelet = read(file);
        String template = CamelYamlDsl.YAML.valueToTree(kamelet.getSpec().getTemplate()).toString();
        Set<String> placeholders = new TreeSet<>();
        for (Matcher placeholder = PLACEHOLDER.matcher(template); placeholder.find(); ) {
            placeholders.add(placeholder.group(1));
        }

        assertThat(properties(kamelet).keySet()).containsAll(placeholders);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void dependenciesAreDeclared(Path file) throws IOException {
        assertThat(read(file).getSpec().getDependencies()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void templateMatchesTheCamelYamlDslSchema(Path file) throws IOException {
        assertThat(KameletTemplate.violations(read(file).getSpec().getTemplate()))
                .as("Camel YAML DSL schema violations of the template").isEmpty();
    }

    private static Map<String, Properties> properties(Kamelet kamelet) {
        return Objects.requireNonNullElse(kamelet.getSpec().getDefinition().getProperties(), Map.of());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
