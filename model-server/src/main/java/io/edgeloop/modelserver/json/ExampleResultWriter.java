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
 * {@code {"results": [value, ...]}}. Scores and values are written by TF Serving's WriteDecimal, as predict's
 * floats are ({@link DecimalText}: {@code 9e+06}, not Java's {@code 9000000.0}; NaN and Infinity as bare tokens).
 */
public final class ExampleResultWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public ObjectNode classify(ClassifyResult result) {
        ArrayNode results = NODES.arrayNode();
        for (List<ScoredLabel> classes : result.classifications()) {
            ArrayNode example = results.addArray();
            for (ScoredLabel scored : classes) {
                example.addArray().add(scored.label()).add(DecimalText.json(scored.score()));
            }
        }
        return NODES.objectNode().set("results", results);
    }

    public ObjectNode regress(RegressResult result) {
        ArrayNode results = NODES.arrayNode();
        result.values().forEach(value -> results.add(DecimalText.json(value)));
        return NODES.objectNode().set("results", results);
    }
}
