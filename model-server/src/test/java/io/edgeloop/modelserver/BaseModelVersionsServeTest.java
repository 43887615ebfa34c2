package io.edgeloop.modelserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.dataset.SyntheticDataset;
import io.edgeloop.dataset.SyntheticImage;
import io.edgeloop.trainer.model.BaseModelSignature;
import io.edgeloop.trainer.model.BaseModels;
import io.edgeloop.trainer.model.ClassifierTrainer;
import io.edgeloop.trainer.model.LabelledImage;
import io.edgeloop.trainer.model.TrainedClassifier;
import io.edgeloop.trainer.model.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the trainer publishes from each kind of base model users bring (issue: "each trains, publishes, and the
 * published version serves through the model server"): the version is served over TF Serving's REST API with the
 * base model gone, and recognises photos it never saw.
 */
class BaseModelVersionsServeTest {

    private static final String NAME = "tea_model_b64";
    private static final List<String> CLASSES = List.of("other", "tea-green", "tea-lemon");
    private static final int SIZE = 64;

    @TempDir
    Path dir;

    static Stream<Arguments> baseModels() {
        return Stream.of(
                Arguments.of("Keras-style export: variables, float [N, 224, 224, 3] input",
                        (Consumer<Path>) base -> BaseModels.withVariables(base, 224)),
                Arguments.of("TF2 layout: resource variables read inside a function",
                        (Consumer<Path>) base -> BaseModels.tf2Layout(base, 224)),
                Arguments.of("TF1-style frozen graph, float [N, 160, 200, 3] input",
                        (Consumer<Path>) base -> BaseModels.frozen(base, 160, 200)),
                Arguments.of("encoded-image string input (the trainer's own extractor export)",
                        (Consumer<Path>) BaseModelVersionsServeTest::stringInput));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baseModels")
    void thePublishedVersionServesOverRestWithoutItsBase(String kind, Consumer<Path> build) throws Exception {
        Path base = dir.resolve("base").resolve("1");
        build.accept(base);
        Path repository = dir.resolve("models");
        try (TrainedClassifier classifier = new ClassifierTrainer(options("base-model", base))
                .train(photos(24, 42), (epoch, epochs, loss, accuracy) -> { })) {
            classifier.exportSavedModel(repository.resolve(NAME).resolve("1"));
        }
        deleteRecursively(dir.resolve("base"));

        try (ModelServer server = ModelServer.start(ServerSettings.defaults(NAME, repository.resolve(NAME))
                .withRestPort(0))) {
            RestClient rest = new RestClient(server.port());
            List<SyntheticImage> unseen = new SyntheticDataset(CLASSES, 6, SIZE, 7).images().toList();
            long right = unseen.stream().filter(photo -> {
                RestClient.Reply reply = rest.post("/v1/models/" + NAME + ":predict", RestClient.oneImage(photo.jpeg()));
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                JsonNode prediction = reply.json().path("predictions");
                assertThat(prediction.path(1).asText()).as(reply.body()).matches("[01]\\.\\d{6}");
                return prediction.path(0).asText().equals(photo.className());
            }).count();
            assertThat((double) right / unseen.size()).as("%s: accuracy on unseen photos", kind)
                    .isGreaterThanOrEqualTo(0.8);
        }
    }

    private static void stringInput(Path base) {
        try (TrainedClassifier histogram = new ClassifierTrainer(options("histogram", null))
                .train(photos(12, 3), (epoch, epochs, loss, accuracy) -> { })) {
            histogram.exportFeatureExtractor(base);
        }
    }

    private static TrainingOptions options(String extractor, Path baseModel) {
        return new TrainingOptions(extractor, baseModel, 42, SIZE, 60, 0.05, 0.25, BaseModelSignature.DEFAULT);
    }

    private static List<LabelledImage> photos(int perClass, long seed) {
        return new SyntheticDataset(CLASSES, perClass, SIZE, seed).images()
                .map(image -> new LabelledImage(image.className(), image.path(), image.jpeg())).toList();
    }

    private static void deleteRecursively(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
