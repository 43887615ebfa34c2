package io.edgeloop.modelserver.examples;

import java.util.List;

/** TF Serving's {@code RegressionResult}: one value per example. */
public record RegressResult(List<Float> values) implements InferenceResult {

    public RegressResult {
        values = List.copyOf(values);
    }
}
