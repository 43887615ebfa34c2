package io.edgeloop.trainer.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/** Trains an image classifier with TensorFlow Java, reproducibly for the options' seed. */
public final class ClassifierTrainer {

    /** Room for the gradient and pattern features' 3x3 neighbourhoods and the CNN's three poolings. */
    private static final int MIN_IMAGE_SIZE = 16;

    private final TrainingOptions options;

    /** @throws IllegalArgumentException for options no training can run with */
    public ClassifierTrainer(TrainingOptions options) {
        if (options.imageSize() < MIN_IMAGE_SIZE || options.epochs() < 1 || !(options.learningRate() > 0)
                || !(options.holdOut() > 0 && options.holdOut() < 1)) {
            throw new IllegalArgumentException("Training needs imageSize >= " + MIN_IMAGE_SIZE + ", epochs >= 1, "
                    + "learningRate > 0 and 0 < holdOut < 1, got " + options);
        }
        this.options = options;
    }

    /**
     * Trains on {@code images} and evaluates on a stratified held-out split. Unreadable images are skipped and
     * counted with their reason.
     *
     * @throws IllegalArgumentException with fewer than 2 classes or a class with fewer than 2 readable images
     * @throws BaseModelException if the base model does not load, has no usable signature or fails on the
     *                            first image
     */
    public TrainedClassifier train(List<LabelledImage> images, TrainingListener listener) {
        requireTrainable(images.stream().map(LabelledImage::label).toList());
        List<String> labels = images.stream().map(LabelledImage::label).distinct().sorted().toList();
        // A canonical order, so the split and the batches depend on the seed only, not on listing order.
        List<LabelledImage> ordered = images.stream()
                .sorted(Comparator.comparing(LabelledImage::label).thenComparing(LabelledImage::key)).toList();
        FeatureExtractor extractor = extractor();
        Checkpoint checkpoint = Checkpoint.create();
        try {
            return extractor instanceof PixelExtractor pixels && pixels.features() instanceof CnnFeatures
                    ? trainCnn(pixels, ordered, labels, listener, checkpoint)
                    : trainHead(extractor, ordered, labels, listener, checkpoint);
        } catch (RuntimeException | Error e) {
            checkpoint.close();
            extractor.close();
            throw e;
        }
    }

    private FeatureExtractor extractor() {
        return switch (options.extractor()) {
            case "histogram" -> new PixelExtractor(options.imageSize(), new HistogramFeatures(options.imageSize()));
            case "cnn" -> new PixelExtractor(options.imageSize(), new CnnFeatures());
            case "base-model" -> BaseModelExtractor.load(options.baseModel(), options.baseModelSignature());
            default -> throw new IllegalArgumentException("Unknown extractor '" + options.extractor()
                    + "': use histogram, cnn or base-model");
        };
    }

    private TrainedClassifier trainCnn(PixelExtractor extractor, List<LabelledImage> images, List<String> labels,
            TrainingListener listener, Checkpoint checkpoint) {
        Split data = split(images, labels, (tf, image) -> ImageDecoding.decode(tf, image, options.imageSize()));
        ClassifierNetwork network = new ClassifierNetwork(extractor, FeatureScaling.NONE, labels);
        TrainingRun run = CnnTrainer.train(network, extractor, data.train().examples(), data.heldOut().examples(),
                options, listener, checkpoint);
        return trained(network, checkpoint, data, run);
    }

    /** Fixed extractors (histogram, base-model): features once per image, then only the head trains. */
    private TrainedClassifier trainHead(FeatureExtractor extractor, List<LabelledImage> images, List<String> labels,
            TrainingListener listener, Checkpoint checkpoint) {
        // Fixed extractors ask for no parameters.
        Split data = split(images, labels, (tf, image) -> extractor.ofOne(tf, image, new RestoredParameters()));
        // A mirrored photo is as valid as the original: twice the data for the head, base models included.
        Examples train = data.train().examples().concat(ImageEncoder.encode(data.train().readable(), labels,
                (tf, image) -> extractor.ofTransformed(tf, image, new RestoredParameters(), PixelTransform.MIRROR))
                .examples());
        ClassifierNetwork network = new ClassifierNetwork(extractor, FeatureScaling.fit(train.vectors()), labels);
        TrainingRun run = HeadTrainer.train(network, train, data.heldOut().examples(), options, listener,
                checkpoint);
        return trained(network, checkpoint, data, run);
    }

    /** The readable images, encoded by {@code perImage} and split into training and held-out parts. */
    private record Split(ImageEncoder.Encoded train, ImageEncoder.Encoded heldOut, List<SkippedImage> skipped) {
    }

    private Split split(List<LabelledImage> images, List<String> labels,
            BiFunction<Ops, Operand<TString>, Operand<TFloat32>> perImage) {
        ImageEncoder.Encoded encoded = ImageEncoder.encode(images, labels, perImage);
        requireTrainable(encoded.readable().stream().map(LabelledImage::label).toList());
        StratifiedSplit split = StratifiedSplit.of(encoded.examples().labels(), labels.size(), options.holdOut(),
                options.seed());
        return new Split(encoded.subset(split.train()), encoded.subset(split.heldOut()), encoded.skipped());
    }

    private static TrainedClassifier trained(ClassifierNetwork network, Checkpoint checkpoint, Split data,
            TrainingRun run) {
        Evaluation evaluation = HeldOutEvaluation.of(network.labels(), data.heldOut().examples().labels(),
                run.heldOutPredictions());
        return new TrainedClassifier(network, checkpoint, evaluation, run.history(), data.skipped());
    }

    private static void requireTrainable(List<String> labelOfEachImage) {
        Map<String, Long> counts = labelOfEachImage.stream()
                .collect(Collectors.groupingBy(label -> label, TreeMap::new, Collectors.counting()));
        if (counts.size() < 2) {
            throw new IllegalArgumentException("Training needs at least 2 classes, got " + counts.keySet());
        }
        counts.forEach((label, count) -> {
            if (count < 2) {
                throw new IllegalArgumentException("Class '" + label + "' has " + count
                        + " readable image(s); every class needs at least 2 (one to train on, one to hold out)");
            }
        });
    }
}
