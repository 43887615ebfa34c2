package io.edgeloop.trainer.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Trains each named extractor on a folder of labelled photos and prints held-out accuracy and wall time, e.g.
 * {@code ExtractorBenchmark ../shared/dataset/images histogram cnn:40:0.003 base-model}: an extractor, optionally
 * with {@code :epochs:learningRate}, else the defaults. base-model builds on the feature extractor of the first
 * model trained.
 */
public final class ExtractorBenchmark {

    private ExtractorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<LabelledImage> images = SharedDataset.load(Path.of(args[0]));
        Path scratch = Files.createTempDirectory("base-model");
        try {
            run(images, scratch.resolve("1"), Arrays.copyOfRange(args, 1, args.length));
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void run(List<LabelledImage> images, Path base, String[] specs) {
        TrainingOptions defaults = TrainingOptions.defaults();
        for (String spec : specs) {
            String[] parts = spec.split(":");
            TrainingOptions options = new TrainingOptions(parts[0], base, defaults.seed(), defaults.imageSize(),
                    parts.length > 1 ? Integer.parseInt(parts[1]) : defaults.epochs(),
                    parts.length > 2 ? Double.parseDouble(parts[2]) : defaults.learningRate(), defaults.holdOut());
            long start = System.nanoTime();
            try (TrainedClassifier classifier = new ClassifierTrainer(options).train(images, (e, n, l, a) -> { })) {
                double seconds = (System.nanoTime() - start) / 1e9;
                Evaluation evaluation = classifier.evaluation();
                System.out.printf("%s epochs=%d lr=%s: accuracy %.4f on %d held out in %.1f s (%d skipped)%n",
                        options.extractor(), options.epochs(), options.learningRate(), evaluation.accuracy(),
                        evaluation.heldOut(), seconds, classifier.skippedImages());
                System.out.println("  " + evaluation.labels() + " confusion "
                        + Arrays.deepToString(evaluation.confusion()));
                if (!Files.exists(base)) {
                    classifier.exportFeatureExtractor(base);
                }
            }
        }
    }
}
