package io.edgeloop.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Base models as users download or export them train a new head and publish one self-contained model. */
class BaseModelTest {

    private static final int EPOCHS = 60;

    @TempDir
    static Path dir;

    private static List<LabelledImage> photos;
    private static List<LabelledImage> unseen;

    @BeforeAll
    static void photos() {
        photos = SyntheticPhotos.of(SyntheticPhotos.CLASSES, 24, 64, 42);
        unseen = SyntheticPhotos.of(SyntheticPhotos.CLASSES, 6, 64, 7);
    }

    private static TrainingOptions options(Path baseModel, BaseModelSignature signature) {
        return new TrainingOptions("base-model", baseModel, 42, 64, EPOCHS, 0.05, 0.25, signature);
    }

    private static TrainedClassifier train(Path baseModel, BaseModelSignature signature, List<LabelledImage> images) {
        return new ClassifierTrainer(options(baseModel, signature)).train(images, (e, n, l, a) -> { });
    }

    @Test
    void aKerasStyleExportWithVariablesAndFloatPixelsTrainsAndServesAlone() throws Exception {
        Path base = dir.resolve("keras").resolve("1");
        BaseModels.withVariables(base, 224);

        assertTrainsAndServesWithoutItsBase(base, dir.resolve("from-keras").resolve("1"));
    }

    @Test
    void aTf2LayoutWithResourceVariablesReadInsideAFunctionTrainsAndServes() throws Exception {
        Path base = dir.resolve("tf2").resolve("1");
        BaseModels.tf2Layout(base, 224);

        assertTrainsAndServesWithoutItsBase(base, dir.resolve("from-tf2").resolve("1"));
    }

    /** The published version must serve with the base model gone: its variables were frozen into it. */
    private void assertTrainsAndServesWithoutItsBase(Path base, Path version) throws Exception {
        assertThat(base.resolve("variables").resolve("variables.index")).isRegularFile();
        try (TrainedClassifier classifier = train(base, BaseModelSignature.DEFAULT, photos)) {
            assertThat(classifier.evaluation().accuracy()).isGreaterThanOrEqualTo(0.9);
            classifier.exportSavedModel(version);
        }
        deleteRecursively(base);

        assertServesUnseenPhotos(version);
    }

    @Test
    void theMinusOneToOneRangeFeedsTheBaseModelOtherPixels() {
        Path base = dir.resolve("keras-range").resolve("1");
        BaseModels.withVariables(base, 224);
        BaseModelSignature minusOneOne = new BaseModelSignature("serving_default", "output_0",
                PixelRange.MINUS_ONE_ONE);
        try (BaseModelExtractor zeroOne = BaseModelExtractor.load(base, BaseModelSignature.DEFAULT);
                BaseModelExtractor scaled = BaseModelExtractor.load(base, minusOneOne)) {
            List<LabelledImage> one = photos.subList(0, 1);
            float[] plain = ImageEncoder.encode(one, SyntheticPhotos.CLASSES,
                    (tf, image) -> zeroOne.ofOne(tf, image, new RestoredParameters())).examples().vectors()[0];
            float[] other = ImageEncoder.encode(one, SyntheticPhotos.CLASSES,
                    (tf, image) -> scaled.ofOne(tf, image, new RestoredParameters())).examples().vectors()[0];
            assertThat(other).hasSize(BaseModels.FEATURES).isNotEqualTo(plain);
        }
    }

    @Test
    void aFrozenGraphWithANonSquareFloatInputTrainsAndServes() {
        Path base = dir.resolve("frozen").resolve("1");
        BaseModels.frozen(base, 48, 64);
        assertThat(base.resolve("variables").resolve("variables.index")).doesNotExist();
        Path version = dir.resolve("from-frozen").resolve("1");

        try (TrainedClassifier classifier = train(base, BaseModelSignature.DEFAULT, photos)) {
            assertThat(classifier.evaluation().accuracy()).isGreaterThanOrEqualTo(0.9);
            classifier.exportSavedModel(version);
        }

        assertServesUnseenPhotos(version);
    }

    @Test
    void mirroredCopiesOfTheTrainingPhotosReachTheBaseModelToo() {
        Path base = dir.resolve("mirror").resolve("1");
        BaseModels.frozen(base, 64, 64);
        try (BaseModelExtractor extractor = BaseModelExtractor.load(base, BaseModelSignature.DEFAULT)) {
            List<LabelledImage> one = photos.subList(0, 1);
            float[] plain = ImageEncoder.encode(one, SyntheticPhotos.CLASSES,
                    (tf, image) -> extractor.ofOne(tf, image, new RestoredParameters())).examples().vectors()[0];
            float[] mirrored = ImageEncoder.encode(one, SyntheticPhotos.CLASSES,
                    (tf, image) -> extractor.ofTransformed(tf, image, new RestoredParameters(), PixelTransform.MIRROR))
                    .examples().vectors()[0];
            assertThat(mirrored).hasSize(BaseModels.FEATURES).isNotEqualTo(plain);
        }
    }

    @Test
    void anUndecodableImageIsSkippedWithItsReason() {
        Path base = dir.resolve("skip").resolve("1");
        BaseModels.frozen(base, 64, 64);
        List<LabelledImage> images = new ArrayList<>(photos);
        images.add(new LabelledImage("other", "images/other/notes.jpg", "not an image".getBytes(StandardCharsets.UTF_8)));

        try (TrainedClassifier classifier = train(base, BaseModelSignature.DEFAULT, images)) {
            assertThat(classifier.skipped()).singleElement().satisfies(skipped -> {
                assertThat(skipped.key()).isEqualTo("images/other/notes.jpg");
                assertThat(skipped.reason()).startsWith("not an image TensorFlow can decode");
            });
        }
    }

    @Test
    void aDirectoryThatIsNoSavedModelIsRefused() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertRefused(empty, BaseModelSignature.DEFAULT, "Cannot load base model");
    }

    @Test
    void aMissingSignatureIsRefusedNamingTheOnesThereAre() {
        Path base = dir.resolve("signature").resolve("1");
        BaseModels.frozen(base, 32, 32);

        assertRefused(base, new BaseModelSignature("feature_vector", null, PixelRange.ZERO_ONE),
                "has no signature 'feature_vector'; it has [serving_default]");
    }

    @Test
    void anInputThatIsNeitherFloatPixelsNorEncodedImagesIsRefused() {
        Path base = dir.resolve("int-input").resolve("1");
        BaseModels.intInput(base);

        assertRefused(base, BaseModelSignature.DEFAULT, "needs float pixels [N, H, W, 3]");
    }

    @Test
    void anOutputOfAnotherRankIsRefused() {
        Path base = dir.resolve("feature-map").resolve("1");
        BaseModels.featureMapOutput(base);

        assertRefused(base, BaseModelSignature.DEFAULT, "has 0 float [N, D] outputs among [feature_map]");
        assertRefused(base, new BaseModelSignature("serving_default", "feature_map", PixelRange.ZERO_ONE),
                "output 'feature_map' is DT_FLOAT [-1, 32, 32, 16]");
    }

    @Test
    void aNamedOutputThatDoesNotExistIsRefused() {
        Path base = dir.resolve("named").resolve("1");
        BaseModels.frozen(base, 32, 32);

        assertRefused(base, new BaseModelSignature("serving_default", "logits", PixelRange.ZERO_ONE),
                "has no output 'logits'; it has [feature_vector]");
    }

    @Test
    void aBaseModelFailingOnTheFirstImageStopsTrainingWithTheTensorFlowError() {
        Path base = dir.resolve("failing").resolve("1");
        BaseModels.failingAtRunTime(base);

        assertRefused(base, BaseModelSignature.DEFAULT, "fails on the first image");
        assertThatThrownBy(() -> train(base, BaseModelSignature.DEFAULT, photos)).hasMessageContaining("Reshape");
    }

    private static void assertRefused(Path base, BaseModelSignature signature, String reason) {
        assertThatThrownBy(() -> train(base, signature, photos)).isInstanceOf(BaseModelException.class)
                .hasMessageContaining(reason);
    }

    private static void assertServesUnseenPhotos(Path version) {
        try (ServedModel model = new ServedModel(version)) {
            assertThat(model.accuracyOn(unseen)).isGreaterThanOrEqualTo(0.8);
        }
    }

    private static void deleteRecursively(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
