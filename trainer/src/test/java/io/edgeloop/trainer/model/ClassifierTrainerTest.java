package io.edgeloop.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Signature;
import org.tensorflow.proto.DataType;

class ClassifierTrainerTest {

    private static final int SIZE = 64;
    private static final int EPOCHS = 60;

    @TempDir
    static Path dir;

    private static List<LabelledImage> photos;
    /** Photos of another seed: never seen in training, so held out by construction. */
    private static List<LabelledImage> unseen;
    private static final List<Integer> heardEpochs = new ArrayList<>();
    private static TrainedClassifier histogram;

    @BeforeAll
    static void trainOnce() {
        photos = SyntheticPhotos.of(SyntheticPhotos.CLASSES, 30, SIZE, 42);
        unseen = SyntheticPhotos.of(SyntheticPhotos.CLASSES, 8, SIZE, 7);
        histogram = new ClassifierTrainer(options("histogram", null)).train(photos,
                (epoch, epochs, loss, accuracy) -> heardEpochs.add(epoch));
    }

    @AfterAll
    static void close() {
        histogram.close();
    }

    private static TrainingOptions options(String extractor, Path baseModel) {
        return new TrainingOptions(extractor, baseModel, 42, SIZE, EPOCHS, 0.05, 0.25);
    }

    @Test
    void histogramClassifierTellsTheClassesApartOnAStratifiedHeldOutSplit() {
        Evaluation evaluation = histogram.evaluation();

        assertThat(histogram.labels()).containsExactly("other", "tea-green", "tea-lemon");
        assertThat(evaluation.labels()).isEqualTo(histogram.labels());
        assertThat(evaluation.heldOut()).isEqualTo(3 * 8);
        assertThat(Arrays.stream(evaluation.confusion()).map(row -> Arrays.stream(row).sum()))
                .containsExactly(8, 8, 8);
        assertThat(evaluation.accuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(evaluation.precision()).hasSize(3);
        assertThat(evaluation.recall()).hasSize(3);
        assertThat(histogram.skippedImages()).isZero();
    }

    @Test
    void historyAndListenerCoverEveryEpoch() {
        assertThat(histogram.history()).extracting(EpochStats::epoch).containsExactlyElementsOf(heardEpochs);
        assertThat(heardEpochs).hasSize(EPOCHS).startsWith(1).endsWith(EPOCHS);
        assertThat(histogram.history().get(EPOCHS - 1).loss()).isLessThan(histogram.history().get(0).loss());
    }

    @Test
    void exportWritesAStandardSavedModelIntoTheVersionFolder() throws Exception {
        Path version = Files.createDirectories(dir.resolve("layout").resolve("tea").resolve("1"));

        histogram.exportSavedModel(version);

        assertThat(version.resolve("saved_model.pb")).isRegularFile();
        assertThat(version.resolve("variables").resolve("variables.index")).isRegularFile();
        try (Stream<Path> variables = Files.list(version.resolve("variables"))) {
            assertThat(variables.map(file -> file.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("variables.data-"));
        }
    }

    @Test
    void servingDefaultAnswersLabelAndProbabilityLikeTheOriginalDemo() {
        Path version = dir.resolve("serving").resolve("1");
        histogram.exportSavedModel(version);

        try (ServedModel model = new ServedModel(version)) {
            Signature signature = model.signature(Signature.DEFAULT_KEY);
            assertThat(signature.methodName()).isEqualTo("tensorflow/serving/predict");
            assertThat(signature.getInputs()).containsOnlyKeys("image_b64");
            assertDescribed(signature.getInputs().get("image_b64"), DataType.DT_STRING, 1);
            assertThat(signature.getOutputs()).containsOnlyKeys("output_0");
            assertDescribed(signature.getOutputs().get("output_0"), DataType.DT_STRING, 2);

            int correct = 0;
            for (LabelledImage image : unseen) {
                List<String> answer = model.predict(image.bytes());
                assertThat(answer.get(0)).isIn(histogram.labels());
                assertThat(answer.get(1)).matches("[01]\\.\\d{6}");
                correct += answer.get(0).equals(image.label()) ? 1 : 0;
            }
            assertThat((double) correct / unseen.size()).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void batchSignatureAgreesWithServingDefault() {
        Path version = dir.resolve("batch").resolve("1");
        histogram.exportSavedModel(version);

        try (ServedModel model = new ServedModel(version)) {
            Signature signature = model.signature(ServingExport.BATCH_SIGNATURE);
            assertThat(signature.methodName()).isEqualTo("tensorflow/serving/predict");
            assertDescribed(signature.getInputs().get("images"), DataType.DT_STRING, -1);
            assertThat(signature.getOutputs()).containsOnlyKeys("label", "probability", "scores");
            assertDescribed(signature.getOutputs().get("label"), DataType.DT_STRING, -1);
            assertDescribed(signature.getOutputs().get("probability"), DataType.DT_FLOAT, -1);
            assertDescribed(signature.getOutputs().get("scores"), DataType.DT_FLOAT, -1, 3);

            ServedModel.Batch batch = model.predictBatch(unseen.stream().map(LabelledImage::bytes).toList());

            assertThat(batch.labels()).hasSize(unseen.size());
            for (int i = 0; i < unseen.size(); i++) {
                List<String> one = model.predict(unseen.get(i).bytes());
                float[] scores = batch.scores()[i];
                int best = argMax(scores);
                assertThat(batch.labels().get(i)).isEqualTo(one.get(0)).isEqualTo(histogram.labels().get(best));
                assertThat(batch.probabilities()[i]).isEqualTo(scores[best]);
                assertThat((double) batch.probabilities()[i]).isCloseTo(Double.parseDouble(one.get(1)),
                        org.assertj.core.data.Offset.offset(1e-5));
                assertThat((double) (scores[0] + scores[1] + scores[2])).isCloseTo(1.0,
                        org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        try (TrainedClassifier again = new ClassifierTrainer(options("histogram", null)).train(photos,
                (epoch, epochs, loss, accuracy) -> { })) {
            assertThat(again.evaluation().accuracy()).isEqualTo(histogram.evaluation().accuracy());
            assertThat(again.evaluation().confusion()).isDeepEqualTo(histogram.evaluation().confusion());
            assertThat(again.history()).isEqualTo(histogram.history());
        }
    }

    @Test
    void theSameSeedTrainsTheSameCnn() {
        TrainingOptions cnn = new TrainingOptions("cnn", null, 42, 32, 3, 0.005, 0.25);
        try (TrainedClassifier first = new ClassifierTrainer(cnn).train(photos, (e, n, l, a) -> { });
                TrainedClassifier second = new ClassifierTrainer(cnn).train(photos, (e, n, l, a) -> { })) {
            assertThat(second.history()).isEqualTo(first.history());
            assertThat(second.evaluation().confusion()).isDeepEqualTo(first.evaluation().confusion());
        }
    }

    @Test
    void servingComputesExactlyTheFeaturesTrainingSaw() {
        Path base = dir.resolve("same-features").resolve("1");
        histogram.exportFeatureExtractor(base);
        PixelExtractor extractor = new PixelExtractor(SIZE, new HistogramFeatures(SIZE));

        Examples trainingView = ImageEncoder.encode(unseen, histogram.labels(),
                (tf, image) -> extractor.ofOne(tf, image, new RestoredParameters())).examples();

        try (ServedModel served = new ServedModel(base)) {
            for (int i = 0; i < unseen.size(); i++) {
                assertThat(served.features(unseen.get(i).bytes())).containsExactly(trainingView.vectors()[i]);
            }
        }
    }

    @Test
    void optionsNoTrainingCanRunWithAreRejected() {
        assertThatThrownBy(() -> new ClassifierTrainer(new TrainingOptions("histogram", null, 42, SIZE, 0, 0.05,
                0.25))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs >= 1");
        assertThatThrownBy(() -> new ClassifierTrainer(options("resnet", null)).train(photos, (e, n, l, a) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown extractor 'resnet'");
    }

    @Test
    void fewerThanTwoClassesIsRejected() {
        List<LabelledImage> oneClass = photos.stream().filter(image -> image.label().equals("tea-green")).toList();

        assertThatThrownBy(() -> new ClassifierTrainer(options("histogram", null)).train(oneClass, (e, n, l, a) -> {
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 classes");
    }

    @Test
    void aClassWithFewerThanTwoReadableImagesIsRejected() {
        List<LabelledImage> images = new ArrayList<>(photos);
        images.add(new LabelledImage("tea-mint", "images/tea-mint/only.jpg", photos.get(0).bytes()));
        images.add(new LabelledImage("tea-mint", "images/tea-mint/broken.jpg", bytes("not an image")));

        assertThatThrownBy(() -> new ClassifierTrainer(options("histogram", null)).train(images, (e, n, l, a) -> {
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tea-mint' has 1 readable image");
    }

    @Test
    void unreadableImagesAreSkippedAndCounted() {
        List<LabelledImage> images = new ArrayList<>(photos);
        images.add(new LabelledImage("other", "images/other/notes.txt", bytes("not an image")));
        images.add(new LabelledImage("tea-green", "images/tea-green/empty.jpg", new byte[0]));
        byte[] truncated = Arrays.copyOf(photos.get(0).bytes(), 100);
        images.add(new LabelledImage("tea-lemon", "images/tea-lemon/truncated.jpg", truncated));

        try (TrainedClassifier classifier = new ClassifierTrainer(options("histogram", null)).train(images,
                (e, n, l, a) -> { })) {
            assertThat(classifier.skippedImages()).isEqualTo(3);
            assertThat(classifier.evaluation().heldOut()).isEqualTo(3 * 8);
        }
    }

    @Test
    void baseModelTrainsANewHeadOnAnExportedFeatureExtractor() {
        Path base = dir.resolve("extractor").resolve("1");
        histogram.exportFeatureExtractor(base);
        try (ServedModel extractor = new ServedModel(base)) {
            assertDescribed(extractor.signature(Signature.DEFAULT_KEY).getOutputs().get("features"),
                    DataType.DT_FLOAT, 1, new HistogramFeatures(SIZE).dimension());
        }
        Path version = dir.resolve("transfer").resolve("1");

        try (TrainedClassifier transfer = new ClassifierTrainer(options("base-model", base)).train(photos,
                (e, n, l, a) -> { })) {
            assertThat(transfer.evaluation().accuracy()).isGreaterThanOrEqualTo(0.9);
            transfer.exportSavedModel(version);
        }

        assertServesUnseenPhotos(version);
    }

    @Test
    void cnnTrainsFromScratchAndItsFrozenExtractorServesAsABaseModel() {
        TrainingOptions cnn = new TrainingOptions("cnn", null, 42, 48, 25, 0.005, 0.25);
        Path version = dir.resolve("cnn").resolve("1");
        Path base = dir.resolve("cnn-extractor").resolve("1");
        try (TrainedClassifier classifier = new ClassifierTrainer(cnn).train(photos, (e, n, l, a) -> { })) {
            assertThat(classifier.evaluation().accuracy()).isGreaterThanOrEqualTo(0.8);
            classifier.exportSavedModel(version);
            classifier.exportFeatureExtractor(base);
        }
        try (ServedModel model = new ServedModel(version)) {
            ServedModel.Batch batch = model.predictBatch(unseen.stream().map(LabelledImage::bytes).toList());
            for (int i = 0; i < unseen.size(); i++) {
                assertThat(model.predict(unseen.get(i).bytes()).get(0)).isEqualTo(batch.labels().get(i));
            }
        }
        assertThat(base.resolve("variables").resolve("variables.index")).doesNotExist();

        try (TrainedClassifier transfer = new ClassifierTrainer(options("base-model", base)).train(photos,
                (e, n, l, a) -> { })) {
            assertThat(transfer.evaluation().accuracy()).isGreaterThanOrEqualTo(0.8);
        }
    }

    private static void assertServesUnseenPhotos(Path version) {
        try (ServedModel model = new ServedModel(version)) {
            assertThat(model.accuracyOn(unseen)).isGreaterThanOrEqualTo(0.9);
        }
    }

    private static void assertDescribed(Signature.TensorDescription tensor, DataType type, long... shape) {
        assertThat(tensor.dataType).isEqualTo(type);
        // Shape.equals never holds for unknown (-1) dimensions, so compare the dimensions.
        assertThat(tensor.shape.asArray()).containsExactly(shape);
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
