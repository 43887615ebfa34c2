package io.edgeloop.modelserver.json;

import io.edgeloop.modelserver.inference.TensorSpec;

/**
 * One input of a request, read from JSON: its signature input, dims and values. The dims are fed as given, as TF
 * Serving feeds them: the model decides what it takes.
 */
public record RequestTensor(TensorSpec spec, long[] dims, TensorValues values) {
}
