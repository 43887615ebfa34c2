package io.edgeloop.trainer.model;

/** Hears about training progress, e.g. to send monitor events. */
@FunctionalInterface
public interface TrainingListener {

    void epoch(int epoch, int epochs, double loss, double accuracy);
}
