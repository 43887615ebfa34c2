package io.edgeloop.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.dataset.SyntheticDataset;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.S3TestClient;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** The trainer end to end against real S3 and Kafka: versions 1 and 2 published, the gate, bad data. */
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
