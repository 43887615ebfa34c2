package io.edgeloop.modelserver.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.examples.ClassifyResult;
import io.edgeloop.modelserver.examples.RegressResult;
import io.edgeloop.modelserver.examples.ScoredLabel;
import java.util.List;

/**
 * Classify and regress results as TF Serving's REST API writes them (json_tensor.cc MakeJsonFromClassificationResult
 * and MakeJsonFromRegressionResult): {@code {"results": [[["label", score], ...], ...]}}, one list per example, and
 * {@code {"results": [value, ...]}}. Scores are floats, written as floats (NaN and Infinity as bare tokens).
 */
public final class ExampleResultWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public ObjectNode classify(ClassifyResult result) {
        ArrayNode results = NODES.arrayNode();
        for (List<ScoredLabel> classes : result.classifications()) {
            ArrayNode example = results.addArray();
            for (ScoredLabel scored : classes) {
                example.addArray().add(scored.label()).add(scored.score());
            }
        }
        return NODES.objectNode().set("results", results);
    }

    public ObjectNode regress(RegressResult result) {
        ArrayNode results = NODES.arrayNode();
        result.values().forEach(results::add);
        return NODES.objectNode().set("results", results);
    }
}
