package io.edgeloop.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.dataset.SyntheticDataset;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.S3TestClient;
import io.edgeloop.local.testing.TestPlatform;
import io.edgeloop.trainer.model.BaseModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TString;
import picocli.CommandLine;

/**
 * The trainer end to end against real S3 and Kafka: versions 1 and 2 published, the gate, bad data, a base model
 * with variables, an unusable base model.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EDGE = "edge-train";
    private static final String MODEL = "tea_model_b64";
    private static final String PREFIX = "models/" + MODEL + "/";

    private static TestPlatform platform;
    private static S3TestClient s3;

    @BeforeAll
    static void uploadSyntheticPhotos(TestPlatform testPlatform) {
        platform = testPlatform;
        s3 = platform.centralS3();
        for (String suffix : List.of("-data", "-models", "-ready")) {
            s3.createBucket(EDGE + suffix);
        }
        new SyntheticDataset(List.of("tea-earl-grey", "tea-green", "tea-lemon", "other"), 16, 64, 7).images()
                .forEach(image -> s3.put(EDGE + "-data", image.path(), image.jpeg()));
        s3.put(EDGE + "-data", "batches/20261129T100000Z-aaaa.json", "{}".getBytes());
        // The trainer reads credentials from the environment or these system properties, never from flags.
        System.setProperty("aws.accessKeyId", platform.config().s3Credentials().accessKey());
        System.setProperty("aws.secretAccessKey", platform.config().s3Credentials().secretKey());
    }

    @Test
    @Order(1)
    void firstRunPublishesVersionOneWithACompleteManifestToBothBuckets() throws Exception {
        assertThat(train(EDGE)).isEqualTo(TrainCommand.PUBLISHED);

        for (String bucket : List.of(EDGE + "-models", EDGE + "-ready")) {
            List<String> keys = s3.keys(bucket, PREFIX + "1/");
            assertThat(keys).contains(PREFIX + "1/saved_model.pb", PREFIX + "1/metrics.json",
                    PREFIX + "1/report.svg", PREFIX + "1/manifest.json", PREFIX + "1/variables/variables.index");
            JsonNode manifest = JSON.readTree(s3.get(bucket, PREFIX + "1/manifest.json"));
            assertThat(manifest.get("version").asInt()).isEqualTo(1);
            assertThat(manifest.get("labels")).extracting(JsonNode::asText)
                    .containsExactly("other", "tea-earl-grey", "tea-green", "tea-lemon");
            assertThat(manifest.get("batches")).extracting(JsonNode::asText).containsExactly("20261129T100000Z-aaaa");
            assertThat(manifest.at("/metrics/accuracy").asDouble()).isGreaterThanOrEqualTo(0.8);
            List<String> listed = new ArrayList<>();
            for (JsonNode file : manifest.get("files")) {
                byte[] content = s3.get(bucket, PREFIX + "1/" + file.get("path").asText());
                assertThat(content).hasSize(file.get("size").asInt());
                assertThat(sha256(content)).isEqualTo(file.get("sha256").asText());
                listed.add(PREFIX + "1/" + file.get("path").asText());
            }
            assertThat(listed).as("every object but the manifest is listed in it")
                    .containsExactlyInAnyOrderElementsOf(keys.stream().filter(k -> !k.endsWith("manifest.json")).toList());
        }
        List<String> events = platform.kafka().readContaining(EDGE, "\"training\"");
        assertThat(events).anyMatch(e -> e.contains("\"started\"")).anyMatch(e -> e.contains("\"epoch\""))
                .anyMatch(e -> e.contains("\"evaluated\"")).anyMatch(e -> e.contains("\"published\""));
    }

    @Test
    @Order(2)
    void secondRunPublishesVersionTwo() throws Exception {
        assertThat(train(EDGE)).isEqualTo(TrainCommand.PUBLISHED);

        assertThat(s3.keys(EDGE + "-models", PREFIX + "2/")).contains(PREFIX + "2/manifest.json");
        assertThat(s3.keys(EDGE + "-ready", PREFIX + "2/")).contains(PREFIX + "2/manifest.json");
    }

    @Test
    @Order(3)
    void gateRejectsAModelBelowTheMinimumAndPublishesNothing() throws Exception {
        assertThat(train(EDGE, "--min-accuracy", "1.01")).isEqualTo(TrainCommand.REJECTED);

        assertThat(s3.keys(EDGE + "-models", PREFIX + "3/")).isEmpty();
        assertThat(s3.keys(EDGE + "-ready", PREFIX + "3/")).isEmpty();
        assertThat(platform.kafka().readContaining(EDGE, "\"rejected\"")).singleElement()
                .satisfies(e -> assertThat(e).contains("below the minimum"));
    }

    @Test
    @Order(4)
    void singleClassIsUnusableDataAndPublishesNothing() throws Exception {
        String edge = "edge-one-class";
        for (String suffix : List.of("-data", "-models", "-ready")) {
            s3.createBucket(edge + suffix);
        }
        new SyntheticDataset(List.of("tea-green"), 6, 64, 1).images()
                .forEach(image -> s3.put(edge + "-data", image.path(), image.jpeg()));

        assertThat(train(edge)).isEqualTo(TrainCommand.BAD_DATA);

        assertThat(s3.keys(edge + "-models", "")).isEmpty();
        assertThat(s3.keys(edge + "-ready", "")).isEmpty();
    }

    @Test
    @Order(5)
    void aKerasStyleBaseModelPublishesAVersionThatServesOnItsOwn(@TempDir Path dir) throws Exception {
        String edge = "edge-base-model";
        for (String suffix : List.of("-data", "-models", "-ready")) {
            s3.createBucket(edge + suffix);
        }
        new SyntheticDataset(List.of("tea-green", "tea-lemon"), 12, 64, 3).images()
                .forEach(image -> s3.put(edge + "-data", image.path(), image.jpeg()));
        s3.put(edge + "-data", "images/tea-green/notes.jpg", "not a photo".getBytes());
        Path base = dir.resolve("mobilenet-like");
        BaseModels.withVariables(base, 224);

        assertThat(train(edge, "--base-model", base.toString())).isEqualTo(TrainCommand.PUBLISHED);

        Path version = Files.createDirectories(dir.resolve("served").resolve("1"));
        for (String key : s3.keys(edge + "-ready", PREFIX + "1/")) {
            Path file = version.resolve(key.substring((PREFIX + "1/").length()));
            Files.createDirectories(file.getParent());
            Files.write(file, s3.get(edge + "-ready", key));
        }
        JsonNode metrics = JSON.readTree(version.resolve("metrics.json").toFile());
        assertThat(metrics.get("skippedImages").asInt()).isEqualTo(1);
        assertThat(metrics.at("/skipped/0/key").asText()).isEqualTo("images/tea-green/notes.jpg");
        assertThat(metrics.at("/skipped/0/reason").asText()).startsWith("not an image TensorFlow can decode");
        byte[] photo = s3.get(edge + "-data", s3.keys(edge + "-data", "images/tea-lemon/").get(0));
        try (SavedModelBundle served = SavedModelBundle.load(version.toString(), "serve");
                TString image = TString.tensorOfBytes(NdArrays.vectorOfObjects(photo));
                Result result = served.function(Signature.DEFAULT_KEY).call(Map.of("image_b64", image))) {
            TString output = (TString) result.get("output_0").orElseThrow();
            assertThat(output.getObject(0)).isIn("tea-green", "tea-lemon");
        }
    }

    @Test
    @Order(6)
    void anUnusableBaseModelStopsTheRunWithExitCodeOneAndTheReason(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("keras");
        BaseModels.withVariables(base, 32);

        assertThat(train(EDGE, "--base-model", base.toString(), "--base-model-output", "logits"))
                .isEqualTo(TrainCommand.FAILED);

        assertThat(platform.kafka().readContaining(EDGE, "\"failed\"")).anySatisfy(
                e -> assertThat(e).contains("has no output 'logits'; it has [output_0]"));
        assertThat(s3.keys(EDGE + "-models", PREFIX + "3/")).isEmpty();
    }

    @Test
    @Order(7)
    void anOptionalBaseModelThatWasNotFetchedTrainsWithoutOne(@TempDir Path dir) throws Exception {
        String edge = "edge-base-model";

        assertThat(train(edge, "--base-model", dir.resolve("model").toString(), "--base-model-optional", "true"))
                .isEqualTo(TrainCommand.PUBLISHED);

        JsonNode manifest = JSON.readTree(s3.get(edge + "-models", PREFIX + "2/manifest.json"));
        assertThat(manifest.get("extractor").asText()).isEqualTo("histogram");
    }

    private static int train(String edge, String... extra) {
        List<String> args = new ArrayList<>(List.of("--edge", edge,
                "--s3-endpoint", platform.platform().infrastructure().centralS3().endpoint(),
                "--data-bucket", edge + "-data", "--models-bucket", edge + "-models", "--ready-bucket", edge + "-ready",
                "--model-name", MODEL, "--image-size", "64", "--epochs", "60",
                "--kafka-brokers", platform.platform().infrastructure().kafka().bootstrapServers()));
        args.addAll(List.of(extra));
        return new CommandLine(new TrainCommand()).execute(args.toArray(String[]::new));
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
