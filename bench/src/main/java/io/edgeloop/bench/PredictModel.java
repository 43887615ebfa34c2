package io.edgeloop.bench;

import io.edgeloop.trainer.model.ClassifierTrainer;
import io.edgeloop.trainer.model.LabelledImage;
import io.edgeloop.trainer.model.TrainedClassifier;
import io.edgeloop.trainer.model.TrainingOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The model bench/predict.sh serves: the trainer's default classifier (histogram extractor, 96 px) trained on the
 * photos and exported as version 1 of a model repository, as a trained version reaches an edge.
 */
@Command(name = "predict-model", mixinStandardHelpOptions = true,
        description = "Trains the default classifier and exports it as <base>/1.")
public final class PredictModel implements Callable<Integer> {

    @Option(names = "--images", description = "images/<class>/* to train on (default: synthetic photos).")
    Path images;

    @Option(names = "--base", required = true, description = "The model's base path; version 1 is written here.")
    Path base;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PredictModel()).execute(args));
    }

    @Override
    public Integer call() {
        List<LabelledImage> photos = BenchPhotos.load(images);
        long started = System.nanoTime();
        try (TrainedClassifier classifier = new ClassifierTrainer(TrainingOptions.defaults())
                .train(photos, (epoch, epochs, loss, accuracy) -> { })) {
            classifier.exportSavedModel(base.resolve("1"));
            System.out.printf(Locale.ROOT, "model: %s, classes %s, held-out accuracy %.3f, trained in %.1f s, "
                            + "exported to %s%n", BenchPhotos.describe(images, photos), classifier.labels(),
                    classifier.evaluation().accuracy(), (System.nanoTime() - started) / 1e9, base.resolve("1"));
        }
        return 0;
    }
}
