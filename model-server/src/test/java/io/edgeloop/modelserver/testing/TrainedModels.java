package io.edgeloop.modelserver.testing;

import io.edgeloop.dataset.SyntheticDataset;
import io.edgeloop.dataset.SyntheticImage;
import io.edgeloop.trainer.model.ClassifierTrainer;
import io.edgeloop.trainer.model.LabelledImage;
import io.edgeloop.trainer.model.TrainedClassifier;
import io.edgeloop.trainer.model.TrainingOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Two real classifiers from the trainer, trained once per test JVM on synthetic photos and told apart by their
 * labels, and the photos to ask them about. Versions are installed as the edge manager delivers them: copied into a
 * hidden folder of the base path, then renamed into place.
 */
public final class TrainedModels {

    public enum Model {
        TEA(List.of("other", "tea-green", "tea-lemon")),
        MINT(List.of("tea-earl-grey", "tea-mint"));

        public final List<String> labels;

        Model(List<String> labels) {
            this.labels = labels;
        }
    }

    public static final String NAME = "tea_model_b64";
    private static final int SIZE = 48;

    private TrainedModels() {
    }

    /** Trained on first use, kept for the JVM. */
    private static final class Exports {
        static final Path ROOT = createRoot();
        static final Path TEA = export(Model.TEA);
        static final Path MINT = export(Model.MINT);

        private static Path createRoot() {
            try {
                Path root = Files.createTempDirectory("model-server-test-models");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
                return root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Path export(Model model) {
            List<LabelledImage> photos = new SyntheticDataset(model.labels, 12, SIZE, 42).images()
                    .map(image -> new LabelledImage(image.className(), image.path(), image.jpeg())).toList();
            Path dir = ROOT.resolve(model.name());
            try (TrainedClassifier classifier = new ClassifierTrainer(
                    new TrainingOptions("histogram", null, 42, SIZE, 20, 0.05, 0.25))
                    .train(photos, (epoch, epochs, loss, accuracy) -> { })) {
                classifier.exportSavedModel(dir);
            }
            return dir;
        }
    }

    public static Path exported(Model model) {
        return model == Model.TEA ? Exports.TEA : Exports.MINT;
    }

    /** Delivers {@code model} as {@code <base>/<version>}: a hidden copy first, then one atomic rename. */
    public static Path install(Path base, long version, Model model) {
        try {
            Files.createDirectories(base);
            Path hidden = base.resolve(".incoming-" + version + "-" + System.nanoTime());
            copy(exported(model), hidden);
            return Files.move(hidden, base.resolve(Long.toString(version)), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A photo of {@link Model#TEA}'s classes; {@code index} picks which. */
    public static byte[] photo(int index) {
        List<SyntheticImage> images = new SyntheticDataset(Model.TEA.labels, 3, SIZE, 7).images().toList();
        return images.get(index % images.size()).jpeg();
    }

    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
