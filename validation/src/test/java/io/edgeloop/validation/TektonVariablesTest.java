package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variable syntaxes Tekton accepts are all seen, so that a reference cannot escape the checks by its form. */
class TektonVariablesTest {

    @Test
    void findsDotAndBracketReferences() {
        String text = "$(params.edge_id)-data $(params['model-name']) $(params[\"seed\"]) $(params.obj.key)";

        assertThat(TektonVariables.names("params", text)).containsExactly("edge_id", "model-name", "obj", "seed");
    }

    @Test
    void findsReferencesInsideAModelWhoseQuotesAreEscaped() {
        Object model = Map.of("args", List.of("--seed", "$(params[\"seed\"])", "$(results.version.path)"));

        assertThat(TektonVariables.names("params", model)).containsExactly("seed");
        assertThat(TektonVariables.names("results", model)).containsExactly("version");
    }

    @Test
    void keepsPrefixesApart() {
        String text = "$(tt.params.edge_id) $(params.seed) $(tasks.train.results.version)";

        assertThat(TektonVariables.names("params", text)).containsExactly("seed");
        assertThat(TektonVariables.names("tt.params", text)).containsExactly("edge_id");
        assertThat(TektonVariables.names("results", text)).isEmpty();
    }
}
