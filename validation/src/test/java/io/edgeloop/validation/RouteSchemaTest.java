package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.JsonParseException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteSchemaTest {

    /** A route whose top-level element and first step are filled in by each test. */
    private static final String ROUTE = """
            - %s:
                uri: "direct:start"
                steps:
                  - %s:
                      message: "hello"
            """;

    @Test
    void repositoryHasRouteFiles() {
        assertThat(RepositoryFiles.routes()).as("routes/**/*.camel.yaml").isNotEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyRouteFileMatchesTheCamelYamlDslSchema() {
        return RepositoryFiles.routes().stream().map(file -> dynamicTest(RepositoryFiles.relative(file), file.toUri(),
                () -> assertThat(CamelYamlDsl.violations(CamelYamlDsl.YAML.readTree(file.toFile())))
                        .as("Camel YAML DSL schema violations of %s", RepositoryFiles.relative(file))
                        .isEmpty()));
    }

    // Control for the negative cases below: they fail because of the misspelling alone.
    @Test
    void schemaAcceptsTheCorrectlySpelledRoute() throws Exception {
        assertThat(CamelYamlDsl.violations(CamelYamlDsl.YAML.readTree(ROUTE.formatted("from", "log")))).isEmpty();
    }

    @ParameterizedTest(name = "- {0}: ... steps: - {1}:")
    @CsvSource({"fromm, log", "from, lgo"})
    void schemaRejectsAnUnknownElementOrStep(String element, String step) throws Exception {
        assertThat(CamelYamlDsl.violations(CamelYamlDsl.YAML.readTree(ROUTE.formatted(element, step)))).isNotEmpty();
    }

    @Test
    void yamlWithADuplicateKeyIsRejected() {
        String duplicateUri = ROUTE.formatted("from", "log").replace("steps:", "uri: \"direct:other\"\n    steps:");

        assertThatThrownBy(() -> CamelYamlDsl.YAML.readTree(duplicateUri))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("Duplicate field 'uri'");
    }
}
