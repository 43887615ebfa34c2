package io.edgeloop.modelserver.examples;

/** The result of one classify or regress task, in the order of the examples. */
public sealed interface InferenceResult permits ClassifyResult, RegressResult {
}
