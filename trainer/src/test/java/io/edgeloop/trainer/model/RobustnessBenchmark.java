package io.edgeloop.trainer.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Held-out and out-of-setting accuracy per extractor, and the training time, e.g.
 * {@code RobustnessBenchmark ../shared/dataset/images 2 histogram cnn}: trains each extractor with its defaults on
 * all photos, then asks its exported model about the trainer's own held-out photos as they are and about
 * {@code draws} renders of each of them per {@link OutOfSettingPhotos.Change} (seeded, the same for every
 * extractor). Only held-out photos are rendered, so no product view seen in training is asked about.
 */
public final class RobustnessBenchmark {

    private static final int BATCH = 32;

    private RobustnessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<LabelledImage> images = SharedDataset.load(Path.of(args[0]));
        int draws = Integer.parseInt(args[1]);
        TrainingOptions defaults = TrainingOptions.defaults();
        List<LabelledImage> heldOut = heldOut(images, defaults);
        Map<OutOfSettingPhotos.Change, List<LabelledImage>> renders = render(heldOut, draws, defaults.seed());
        System.out.printf("%d photos, %d held out, %d renders per change and photo%n", images.size(),
                heldOut.size(), draws);
        System.out.println("| extractor | held-out | " + String.join(" | ", renders.keySet().stream()
                .map(c -> c.name().toLowerCase().replace('_', ' ')).toList()) + " | out-of-setting | training s |");
        for (String extractor : Arrays.copyOfRange(args, 2, args.length)) {
            TrainingOptions options = TrainingOptions.defaultsFor(extractor, null);
            Path dir = Files.createTempDirectory("robustness");
            try {
                long start = System.nanoTime();
                double trainingSeconds;
                double evaluated;
                try (TrainedClassifier classifier = new ClassifierTrainer(options).train(images,
                        (e, n, l, a) -> { })) {
                    trainingSeconds = (System.nanoTime() - start) / 1e9;
                    evaluated = classifier.evaluation().accuracy();
                    classifier.exportSavedModel(dir.resolve("1"));
                }
                try (ServedModel model = new ServedModel(dir.resolve("1"))) {
                    double original = accuracy(model, heldOut);
                    if (Math.abs(original - evaluated) > 1e-9) {
                        throw new IllegalStateException("The exported model scores " + original
                                + " on the held-out photos, the trainer " + evaluated);
                    }
                    StringBuilder row = new StringBuilder(String.format("| %s | %.3f |", extractor, original));
                    int right = 0;
                    int total = 0;
                    for (List<LabelledImage> changed : renders.values()) {
                        double accuracy = accuracy(model, changed);
                        right += (int) Math.round(accuracy * changed.size());
                        total += changed.size();
                        row.append(String.format(" %.3f |", accuracy));
                    }
                    row.append(String.format(" %.3f | %.1f |", (double) right / total, trainingSeconds));
                    System.out.println(row);
                }
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    /** The photos the trainer holds out for these options (every photo here is readable). */
    static List<LabelledImage> heldOut(List<LabelledImage> images, TrainingOptions options) {
        List<String> labels = images.stream().map(LabelledImage::label).distinct().sorted().toList();
        List<LabelledImage> ordered = images.stream()
                .sorted(Comparator.comparing(LabelledImage::label).thenComparing(LabelledImage::key)).toList();
        int[] labelIndexes = ordered.stream().mapToInt(image -> labels.indexOf(image.label())).toArray();
        int[] heldOut = StratifiedSplit.of(labelIndexes, labels.size(), options.holdOut(), options.seed()).heldOut();
        return Arrays.stream(heldOut).mapToObj(ordered::get).toList();
    }

    static Map<OutOfSettingPhotos.Change, List<LabelledImage>> render(List<LabelledImage> photos, int draws,
            long seed) {
        Map<OutOfSettingPhotos.Change, List<LabelledImage>> renders = new EnumMap<>(OutOfSettingPhotos.Change.class);
        for (OutOfSettingPhotos.Change change : OutOfSettingPhotos.Change.values()) {
            Random random = new Random(seed * 31 + change.ordinal());
            List<LabelledImage> changed = new ArrayList<>();
            for (LabelledImage photo : photos) {
                for (int draw = 0; draw < draws; draw++) {
                    changed.add(new LabelledImage(photo.label(), photo.key() + "#" + change + draw,
                            OutOfSettingPhotos.render(photo.bytes(), change, random)));
                }
            }
            renders.put(change, changed);
        }
        return renders;
    }

    private static double accuracy(ServedModel model, List<LabelledImage> images) {
        int right = 0;
        for (int from = 0; from < images.size(); from += BATCH) {
            List<LabelledImage> batch = images.subList(from, Math.min(images.size(), from + BATCH));
            List<String> predicted = model.predictBatch(batch.stream().map(LabelledImage::bytes).toList()).labels();
            for (int i = 0; i < batch.size(); i++) {
                if (predicted.get(i).equals(batch.get(i).label())) {
                    right++;
                }
            }
        }
        return (double) right / images.size();
    }
}
