package io.edgeloop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.cli.EdgeLoopRuntime;
import io.edgeloop.cli.InitialModel;
import io.edgeloop.dataset.SyntheticDataset;
import io.edgeloop.local.LocalPlatform;
import io.edgeloop.local.PlatformConfig;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.KafkaTestClient;
import io.edgeloop.local.testing.MqttTestClient;
import io.edgeloop.local.testing.S3TestClient;
import io.edgeloop.local.testing.ZipBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole loop, as {@code edgeloop up --edges edge1,edge2} runs it: edge1 ships photos of a product its model
 * does not know; the feeder, delivery, the trainer (a child process behind the local EventListener), the manager
 * and the model server turn them into a new model version that the shopper then prices, every step visible on
 * the monitor topic; edge2 never sees edge1's model.
 */
class WholeLoopTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "tea_model_b64";
    private static final String NEW_PRODUCT = "tea-licorice";
    private static final Duration STEP = Duration.ofMinutes(3);

    private static EdgeLoopRuntime loop;
    private static LocalPlatform platform;
    private static S3TestClient centralS3;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = FreePorts.platformSettings(Files.createTempDirectory("whole-loop"));
        settings.put("edges", "edge1,edge2");
        loop = EdgeLoopRuntime.start(PlatformConfig.load(null, Map.of(), settings));
        platform = loop.platform();
        centralS3 = new S3TestClient(platform.infrastructure().centralS3().endpoint(), platform.config().s3Credentials());
        kafka = new KafkaTestClient(platform.infrastructure().kafka().bootstrapServers());
    }

    @AfterAll
    static void stop() {
        centralS3.close();
        loop.close();
    }

    @Test
    void aNewProductShippedByEdge1IsLearnedServedAndPricedAtEdge1Only() throws Exception {
        // Version 1 knows the demo's products but not licorice tea: edgeloop up's initial model, trained by the loop.
        InitialModel initialModel = new InitialModel(platform, null);
        assertThat(initialModel.missingFor("edge1")).isTrue();
        initialModel.ship("edge1");
        await().atMost(STEP).until(() -> loop.modelServer("edge1").availableVersions().contains(1L));
        assertThat(initialModel.missingFor("edge1")).isFalse();
        assertThat(initialModel.missingFor("edge2")).isTrue();
        assertThat(labelsOf(1)).doesNotContain(NEW_PRODUCT);

        try (MqttTestClient edge1Monitor = MqttTestClient.connect(mqtt("edge1")).subscribe("monitor");
                MqttTestClient edge2Monitor = MqttTestClient.connect(mqtt("edge2")).subscribe("monitor")) {
            SyntheticDataset newPhotos = new SyntheticDataset(List.of(NEW_PRODUCT), 30, 96, 2);
            String batchId = ship("edge1", newPhotos);

            // 1. the photos are in edge1-data
            assertThat(centralS3.keys("edge1-data", "images/" + NEW_PRODUCT + "/")).hasSize(30);
            // 2. exactly one trigger for the batch
            assertThat(kafka.readContaining("trigger", batchId)).hasSize(1);
            // 3. delivery started the pipeline: the trainer, run by the local EventListener, trains on that batch
            await().atMost(STEP).until(() -> !kafka.readContaining("edge1", "\"stage\":\"started\"").stream()
                    .filter(event -> event.contains(batchId)).toList().isEmpty());
            // 4. the trainer published version 2, manifest last, knowing the new product
            await().atMost(STEP).until(() -> centralS3.keys("edge1-models", "models/" + MODEL + "/2/manifest.json").size() == 1);
            assertThat(labelsOf(2)).contains(NEW_PRODUCT);
            // 5. the manager exposed it whole in edge1's model repository
            Path version2 = platform.modelRepository("edge1").resolve(MODEL).resolve("2");
            await().atMost(STEP).until(() -> Files.exists(version2));
            assertThat(version2.resolve("manifest.json")).exists();
            assertThat(version2.resolve("saved_model.pb")).exists();
            assertThat(hiddenEntries(version2.getParent())).isEmpty();
            // 6. edge1's model server serves version 2
            await().atMost(STEP).until(() -> loop.modelServer("edge1").availableVersions().contains(2L));
            // 7. the shopper recognises the new product and prices it
            List<JsonNode> detections = new ArrayList<>();
            for (var photo : new SyntheticDataset(List.of(NEW_PRODUCT), 5, 96, 3).images().toList()) {
                HttpResponse<String> response = EdgeShop.post(shopper("edge1", "/detection"), EdgeShop.imageJson(photo.jpeg()));
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                detections.add(JSON.readTree(response.body()));
            }
            assertThat(detections).allSatisfy(detection -> assertThat(detection.get("modelVersion").asInt()).isEqualTo(2));
            assertThat(detections).anySatisfy(detection -> {
                assertThat(detection.get("item").asText()).isEqualTo(NEW_PRODUCT);
                assertThat(detection.get("pricetag").asText()).isEqualTo("Licorice Tea: 2.49");
            });
            // 8. every step reached edge1's monitor topic, in the loop's order
            List<String> steps = monitorSteps(edge1Monitor, batchId);
            assertThat(steps).containsSubsequence("zipfile", "pipeline", "training:started", "training:published",
                    "pushmodel:2", "detection");

            // edge2 never sees edge1's model
            assertThat(centralS3.keys("edge2-ready", "")).isEmpty();
            assertThat(centralS3.keys("edge2-models", "")).isEmpty();
            assertThat(loop.modelServer("edge2").availableVersions()).isEmpty();
            try (Stream<Path> edge2Models = Files.list(platform.modelRepository("edge2").resolve(MODEL))) {
                assertThat(edge2Models).isEmpty();
            }
            assertThat(edge2Monitor.nextContaining("pushmodel", Duration.ofSeconds(1))).isNull();
        }
    }

    /** Zips the photos and PUTs them to the feeder for the edge, as its shopper would; returns the batch id. */
    private static String ship(String edgeId, SyntheticDataset photos) throws Exception {
        ZipBuilder zip = new ZipBuilder();
        photos.images().forEach(photo -> zip.add(photo.path(), photo.jpeg()));
        HttpResponse<String> response = EdgeShop.put(URI.create("http://localhost:"
                + platform.config().port("feeder.port") + "/zip?edgeId=" + edgeId), zip.build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("batchId").asText();
    }

    private static List<String> labelsOf(int version) throws Exception {
        JsonNode manifest = JSON.readTree(centralS3.get("edge1-models", "models/" + MODEL + "/" + version + "/manifest.json"));
        List<String> labels = new ArrayList<>();
        manifest.get("labels").forEach(label -> labels.add(label.asText()));
        return labels;
    }

    /** The monitor events since the upload, named by kind (and stage or version), until the detection came. */
    private static List<String> monitorSteps(MqttTestClient monitor, String batchId) throws Exception {
        List<String> steps = new ArrayList<>();
        MqttTestClient.Received event;
        while ((event = monitor.nextContaining("\"name\"", Duration.ofSeconds(5))) != null) {
            JsonNode json = JSON.readTree(event.payload());
            String name = json.path("name").asText();
            if (name.equals("training")) {
                name += ":" + json.path("stage").asText();
            } else if (name.equals("pushmodel")) {
                name += ":" + json.path("version").asText();
            } else if ((name.equals("zipfile") || name.equals("pipeline")) && !batchId.equals(json.path("batchId").asText())) {
                continue;
            }
            steps.add(name);
        }
        return steps;
    }

    private static String mqtt(String edgeId) {
        return platform.infrastructure().edge(edgeId).mqtt().tcpUrl();
    }

    private static URI shopper(String edgeId, String path) {
        return URI.create("http://localhost:" + platform.config().edgePort("shopper.port", edgeId) + path);
    }

    private static List<Path> hiddenEntries(Path directory) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith(".")).toList();
        }
    }
}
