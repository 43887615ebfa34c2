package io.edgeloop.trainer.model;

/** A training image left out, and why: for the training report, so a user can fix or remove it. */
public record SkippedImage(String key, String reason) {
}
