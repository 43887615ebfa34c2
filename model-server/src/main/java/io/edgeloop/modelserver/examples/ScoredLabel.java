package io.edgeloop.modelserver.examples;

/**
 * TF Serving's {@code Class}: a label ({@code ""} when the signature has no {@code classes} output) and its score
 * (0 when it has no {@code scores} output).
 */
public record ScoredLabel(String label, float score) {
}
