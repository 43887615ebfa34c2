package io.edgeloop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformConfigTest {

    @Test
    void defaultsMatchTheDocumentedPorts() {
        PlatformConfig config = PlatformConfig.defaults();

        assertThat(config.edgeId()).isEqualTo("edge1");
        assertThat(config.port("kafka.port")).isEqualTo(9092);
        assertThat(config.port("s3.central.port")).isEqualTo(9000);
        assertThat(config.port("s3.edge.port")).isEqualTo(9010);
        assertThat(config.port("mqtt.port")).isEqualTo(1883);
        assertThat(config.port("mqtt.ws-port")).isEqualTo(9001);
        assertThat(config.port("shopper.port")).isEqualTo(8080);
        assertThat(config.port("feeder.port")).isEqualTo(8081);
        assertThat(config.port("price-engine.port")).isEqualTo(8090);
        assertThat(config.dataDir().getFileName()).hasToString(".edgeloop");
    }

    @Test
    void storageIsOnDiskUnlessEphemeralIsAsked() {
        assertThat(PlatformConfig.defaults().persistentStorage()).isTrue();
        assertThat(PlatformConfig.load(null, Map.of("EDGELOOP_STORAGE", "ephemeral"), Map.of()).persistentStorage())
                .isFalse();
        assertThatThrownBy(() -> PlatformConfig.defaults().with("storage", "memory").persistentStorage())
                .hasMessage("Setting 'storage' must be disk or ephemeral, got 'memory'");
    }

    @Test
    void environmentVariableNamesFollowTheKey() {
        assertThat(PlatformConfig.environmentVariable("s3.access-key")).isEqualTo("EDGELOOP_S3_ACCESS_KEY");
        assertThat(PlatformConfig.environmentVariable("kafka.port")).isEqualTo("EDGELOOP_KAFKA_PORT");
    }

    @Test
    void s3CredentialsComeFromTheEnvironmentWhenSet() {
        PlatformConfig config = PlatformConfig.load(null,
                Map.of("EDGELOOP_S3_ACCESS_KEY", "shop-key", "EDGELOOP_S3_SECRET_KEY", "shop-secret"), Map.of());

        assertThat(config.s3Credentials().accessKey()).isEqualTo("shop-key");
        assertThat(config.s3Credentials().secretKey()).isEqualTo("shop-secret");
        assertThat(config.s3Credentials().toString()).doesNotContain("shop-secret");
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edgeloop.properties");
        Files.writeString(file, "kafka.port=19092\nmqtt.port=11883\nfeeder.port=18081\n");

        PlatformConfig config = PlatformConfig.load(file,
                Map.of("EDGELOOP_MQTT_PORT", "21883", "EDGELOOP_FEEDER_PORT", "28081"),
                Map.of("feeder.port", "38081"));

        assertThat(config.port("kafka.port")).isEqualTo(19092);
        assertThat(config.port("mqtt.port")).isEqualTo(21883);
        assertThat(config.port("feeder.port")).isEqualTo(38081);
    }

    @Test
    void unknownSettingIsRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> PlatformConfig.load(null, Map.of(), Map.of("kafka.prot", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafka.prot")
                .hasMessageContaining("kafka.port");
    }

    @Test
    void portMustBeANumber() {
        PlatformConfig config = PlatformConfig.load(null, Map.of(), Map.of("shopper.port", "eighty"));

        assertThatThrownBy(() -> config.port("shopper.port")).hasMessageContaining("eighty");
    }

    @Test
    void severalEdgesListenEachOnePortStepHigher() {
        PlatformConfig config = PlatformConfig.load(null, Map.of(), Map.of("edges", "edge1, edge2,edge3"));

        assertThat(config.edgeIds()).containsExactly("edge1", "edge2", "edge3");
        assertThat(config.edgeId()).isEqualTo("edge1");
        assertThat(config.edgePort("shopper.port", "edge1")).isEqualTo(8080);
        assertThat(config.edgePort("shopper.port", "edge3")).isEqualTo(8280);
        assertThat(config.edgePort("model-server.port", "edge2")).isEqualTo(8601);
        assertThat(config.edgePort("model-server.grpc-port", "edge2")).isEqualTo(8600);
        assertThatThrownBy(() -> config.edgePort("shopper.port", "edge9")).hasMessageContaining("edge9");
    }

    @Test
    void edgeIdsMustBeUsableAsBucketNames() {
        PlatformConfig config = PlatformConfig.load(null, Map.of(), Map.of("edges", "edge1,Shop_2"));

        assertThatThrownBy(config::edgeIds).hasMessageContaining("Shop_2");
    }
}
