package io.edgeloop.trainer.model;

/** Loss and training accuracy after one epoch, for the training report's curve. */
public record EpochStats(int epoch, double loss, double accuracy) {
}
