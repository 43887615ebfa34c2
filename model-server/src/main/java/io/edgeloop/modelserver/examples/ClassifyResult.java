package io.edgeloop.modelserver.examples;

import java.util.List;

/** TF Serving's {@code ClassificationResult}: for each example, its classes in the model's order. */
public record ClassifyResult(List<List<ScoredLabel>> classifications) implements InferenceResult {

    public ClassifyResult {
        classifications = classifications.stream().map(List::copyOf).toList();
    }
}
