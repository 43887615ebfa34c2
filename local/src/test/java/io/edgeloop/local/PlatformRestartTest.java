package io.edgeloop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import io.edgeloop.local.infra.Infrastructure;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.KafkaTestClient;
import io.edgeloop.local.testing.S3TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a stop and a start on the same data.dir keep: everything on disk, only Kafka and the models in memory mode. */
class PlatformRestartTest {

    @Test
    void bothS3ServersAndKafkaHaveEverythingBackAfterAStop(@TempDir Path dataDir) throws Exception {
        try (LocalPlatform platform = restartedAfterWritingState(dataDir, "disk");
                S3TestClient central = central(platform); S3TestClient edge = edge(platform)) {
            assertThat(central.get("edge1-data", "images/tea-green/1.jpg")).asString().isEqualTo("photo");
            assertThat(central.keys("edge1-data", "")).containsExactly("batches/b1.json", "images/tea-green/1.jpg");
            assertThat(edge.get("unclassified", "tea-green/2.jpg")).asString().isEqualTo("detected");
            assertThat(new KafkaTestClient(platform.infrastructure().kafka().bootstrapServers())
                    .readContaining("trigger", "b1")).hasSize(1);
        }
        assertThat(Infrastructure.centralS3Directory(dataDir).resolve("buckets/edge1-data/images/tea-green/1.jpg"))
                .hasContent("photo");
        assertThat(Infrastructure.edgeS3Directory(dataDir, "edge1").resolve("buckets/unclassified/tea-green/2.jpg"))
                .hasContent("detected");
    }

    @Test
    void ephemeralStorageStartsWithEmptyBuckets(@TempDir Path dataDir) throws Exception {
        try (LocalPlatform platform = restartedAfterWritingState(dataDir, "ephemeral");
                S3TestClient central = central(platform); S3TestClient edge = edge(platform)) {
            assertThat(central.keys("edge1-data", "")).isEmpty();
            assertThat(edge.keys("unclassified", "")).isEmpty();
        }
        assertThat(dataDir.resolve("s3")).doesNotExist();
    }

    /** Starts the infrastructure, writes objects and a record, stops it, and starts it again on the same data.dir. */
    private static LocalPlatform restartedAfterWritingState(Path dataDir, String storage) throws Exception {
        Map<String, String> settings = FreePorts.platformSettings(dataDir);
        settings.put("storage", storage);
        try (LocalPlatform platform = new LocalPlatform(PlatformConfig.load(null, Map.of(), settings))) {
            platform.startInfrastructure();
            writeState(platform);
        }
        LocalPlatform restarted = new LocalPlatform(PlatformConfig.load(null, Map.of(), settings));
        restarted.startInfrastructure();
        return restarted;
    }

    private static void writeState(LocalPlatform platform) throws Exception {
        try (S3TestClient central = central(platform); S3TestClient edge = edge(platform)) {
            central.put("edge1-data", "images/tea-green/1.jpg", "photo".getBytes());
            central.put("edge1-data", "batches/b1.json", "{}".getBytes());
            edge.put("unclassified", "tea-green/2.jpg", "detected".getBytes());
        }
        new KafkaTestClient(platform.infrastructure().kafka().bootstrapServers()).send("trigger", "edge1", "{\"batchId\": \"b1\"}");
    }

    private static S3TestClient central(LocalPlatform platform) {
        return new S3TestClient(platform.infrastructure().centralS3().endpoint(), platform.config().s3Credentials());
    }

    private static S3TestClient edge(LocalPlatform platform) {
        return new S3TestClient(platform.infrastructure().edgeS3().endpoint(), platform.config().s3Credentials());
    }
}
