package io.edgeloop.trainer.model;

import java.nio.file.Path;
import java.util.List;

/**
 * A trained classifier, ready to export: its labels, held-out evaluation and learning curve, plus a checkpoint
 * of its weights. Close it to delete the checkpoint and release native resources.
 */
public final class TrainedClassifier implements AutoCloseable {

    private final ClassifierNetwork network;
    private final Checkpoint checkpoint;
    private final Evaluation evaluation;
    private final List<EpochStats> history;
    private final List<SkippedImage> skipped;

    TrainedClassifier(ClassifierNetwork network, Checkpoint checkpoint, Evaluation evaluation,
            List<EpochStats> history, List<SkippedImage> skipped) {
        this.network = network;
        this.checkpoint = checkpoint;
        this.evaluation = evaluation;
        this.history = List.copyOf(history);
        this.skipped = List.copyOf(skipped);
    }

    /** Sorted class names, the model's label order. */
    public List<String> labels() {
        return network.labels();
    }

    /** How the model did on the stratified held-out split. */
    public Evaluation evaluation() {
        return evaluation;
    }

    public List<EpochStats> history() {
        return history;
    }

    /** How many images were left out: TensorFlow could not decode them, or the extractor failed on them. */
    public int skippedImages() {
        return skipped.size();
    }

    /** The images left out, each with its reason. */
    public List<SkippedImage> skipped() {
        return skipped;
    }

    /**
     * Writes saved_model.pb and variables/ into {@code dir}, one TensorFlow Serving version folder
     * ({@code <base>/<model>/<N>/}). Signatures: {@code serving_default} (image_b64 [1] string -> output_0 [2]
     * string: label, probability) and {@code predict_batch} (images [-1] string -> label, probability, scores).
     */
    public void exportSavedModel(Path dir) {
        ServingExport.classifier(network, checkpoint, dir);
    }

    /**
     * Writes the frozen feature extractor into {@code dir}, usable as {@code TrainingOptions.baseModel()} of the
     * {@code base-model} extractor: {@code serving_default} image_b64 [1] string -> features [1, D] float.
     */
    public void exportFeatureExtractor(Path dir) {
        ServingExport.featureExtractor(network.extractor(), checkpoint, dir);
    }

    @Override
    public void close() {
        try {
            checkpoint.close();
        } finally {
            network.close();
        }
    }
}
