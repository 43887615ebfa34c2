package io.edgeloop.trainer.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.trainer.model.TrainedClassifier;
import io.edgeloop.trainer.model.TrainingOptions;

/**
 * Publishes a trained classifier as the next version N+1 of both the models and the ready repository:
 * the SavedModel, then {@code metrics.json} and {@code report.svg}, then the manifest that completes it.
 */
public final class VersionPublisher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelRepository models;
    private final ModelRepository ready;
    private final String modelName;
    private final String edgeId;
    private final String trainerVersion;
    private final Path workDir;

    /** @param workDir where the version is exported before upload */
    public VersionPublisher(ModelRepository models, ModelRepository ready, String modelName, String edgeId,
            String trainerVersion, Path workDir) {
        this.models = models;
        this.ready = ready;
        this.modelName = modelName;
        this.edgeId = edgeId;
        this.trainerVersion = trainerVersion;
        this.workDir = workDir;
    }

    /** Returns the version published. */
    public int publish(TrainedClassifier model, TrainingOptions options, int trainingImages, List<String> batchIds)
            throws IOException {
        // Numbered past both repositories: a version waiting in ready is never written over.
        int version = Math.max(models.highestVersion().orElse(0), ready.highestVersion().orElse(0)) + 1;
        Path directory = workDir.resolve(modelName).resolve(Integer.toString(version));
        Files.createDirectories(directory);
        model.exportSavedModel(directory);
        List<Path> files = new ArrayList<>(ModelRepository.modelFiles(directory));
        Map<String, Object> metrics = TrainingMetrics.of(model.evaluation(), model.history(), trainingImages,
                model.skipped());
        files.add(Files.writeString(directory.resolve("metrics.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metrics)));
        files.add(Files.writeString(directory.resolve("report.svg"), TrainingReport.svg(
                modelName + " v" + version + " (" + edgeId + ")", model.evaluation(), model.history())));
        String manifest = VersionManifest.write(new VersionManifest.Details(modelName, version, edgeId,
                model.labels(), metrics, batchIds, options.seed(), options.extractor(), trainerVersion),
                directory, files);
        models.publish(version, directory, files, manifest);
        ready.publish(version, directory, files, manifest);
        return version;
    }
}
