package io.edgeloop.trainer.model;

import java.nio.file.Path;

/**
 * How to train.
 *
 * @param extractor   {@code histogram} (default: fixed colour/texture features), {@code cnn} (a small CNN
 *                    trained from scratch) or {@code base-model} (a frozen feature-vector SavedModel)
 * @param baseModel   the feature-vector SavedModel directory for {@code base-model}, else null
 * @param seed        makes the split, initialisation and augmentation reproducible
 * @param imageSize   side in pixels every photo is resized to, in training and in the exported model (not for
 *                    {@code base-model}: the base model's signature gives its input size)
 * @param epochs      passes over the training split
 * @param holdOut     share of each class held out for evaluation
 * @param baseModelSignature which signature and output of the base model to use, and its pixel range
 */
public record TrainingOptions(String extractor, Path baseModel, long seed, int imageSize, int epochs,
        double learningRate, double holdOut, BaseModelSignature baseModelSignature) {

    /** Options using the base model's {@code serving_default} signature, if any base model. */
    public TrainingOptions(String extractor, Path baseModel, long seed, int imageSize, int epochs,
            double learningRate, double holdOut) {
        this(extractor, baseModel, seed, imageSize, epochs, learningRate, holdOut, BaseModelSignature.DEFAULT);
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions("histogram", null, 42, 96, 150, 0.05, 0.25);
    }

    /**
     * The defaults tuned for an extractor: the CNN learns all its weights, and at the head's learning rate
     * it collapses to one class, so it takes fewer, gentler epochs (measured on the shared tea photos).
     */
    public static TrainingOptions defaultsFor(String extractor, Path baseModel) {
        TrainingOptions defaults = defaults();
        boolean cnn = "cnn".equals(extractor);
        return new TrainingOptions(extractor, baseModel, defaults.seed(), defaults.imageSize(),
                cnn ? 40 : defaults.epochs(), cnn ? 0.003 : defaults.learningRate(), defaults.holdOut());
    }
}
