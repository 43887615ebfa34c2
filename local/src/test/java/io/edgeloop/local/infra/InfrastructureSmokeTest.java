package io.edgeloop.local.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.KameletContext;
import io.edgeloop.local.testing.MqttTestClient;
import io.edgeloop.local.testing.TestPlatform;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EdgeLoopPlatformExtension.class)
class InfrastructureSmokeTest {

    private static TestPlatform platform;
    private static KameletContext edge;

    @BeforeAll
    static void start(TestPlatform testPlatform) {
        platform = testPlatform;
        edge = KameletContext.start(platform, Site.EDGE);
    }

    @AfterAll
    static void stop() {
        edge.close();
    }

    @Test
    void bucketsOfBothSitesExistOnStart() {
        var edgeId = platform.config().edgeId();
        for (String bucket : Infrastructure.centralBuckets(edgeId)) {
            assertThat(platform.centralS3().keys(bucket, "")).as(bucket).isNotNull();
        }
        for (String bucket : Infrastructure.EDGE_BUCKETS) {
            assertThat(platform.edgeS3().keys(bucket, "")).as(bucket).isNotNull();
        }
    }

    @Test
    void s3SinkUploadsAndS3ActionListsAndGetsObjects() {
        String connection = "&endpoint={{s3.endpoint}}&accessKey={{s3.accessKey}}&secretKey={{s3.secretKey}}";
        String sink = "kamelet:edgeloop-s3-sink?bucketName=data" + connection;
        String key = "smoke/" + UUID.randomUUID() + ".txt";
        var producer = edge.producer();

        producer.sendBodyAndHeader(sink, "hello edge", "CamelAwsS3Key", key);
        assertThat(platform.edgeS3().get("data", key)).asString(StandardCharsets.UTF_8).isEqualTo("hello edge");

        List<?> listed = producer.requestBodyAndHeader("kamelet:edgeloop-s3-action?bucketName=data&operation=listObjects"
                + connection, null, "CamelAwsS3Prefix", "smoke/", List.class);
        assertThat(listed).extracting(o -> ((software.amazon.awssdk.services.s3.model.S3Object) o).key())
                .contains(key);

        String read = producer.requestBodyAndHeader("kamelet:edgeloop-s3-action?bucketName=data&operation=getObject"
                + connection, null, "CamelAwsS3Key", key, String.class);
        assertThat(read).isEqualTo("hello edge");
    }

    @Test
    void s3SinkWritesToTheBucketTheRouteNamesWhateverTheHeadersSay() {
        String sink = "kamelet:edgeloop-s3-sink?bucketName=valid&endpoint={{s3.endpoint}}"
                + "&accessKey={{s3.accessKey}}&secretKey={{s3.secretKey}}";
        String key = "smoke/" + UUID.randomUUID() + ".txt";

        edge.producer().sendBodyAndHeaders(sink, "to valid", Map.of("CamelAwsS3Key", key,
                "CamelAwsS3OverrideBucketName", "data", "CamelAwsS3Operation", "deleteObject"));

        assertThat(platform.edgeS3().get("valid", key)).asString(StandardCharsets.UTF_8).isEqualTo("to valid");
        assertThat(platform.edgeS3().keys("data", key)).isEmpty();
    }

    @Test
    void s3SourceKameletDeliversObjectsOfABucket() throws Exception {
        String key = "source-smoke/" + UUID.randomUUID() + ".txt";
        edge.route("kamelet:edgeloop-s3-source?bucketName=valid&endpoint={{s3.endpoint}}"
                + "&accessKey={{s3.accessKey}}&secretKey={{s3.secretKey}}&prefix=source-smoke/&delay=100",
                "seda:s3-received");
        platform.edgeS3().put("valid", key, "object".getBytes(StandardCharsets.UTF_8));

        Exchange received = edge.consumer().receive("seda:s3-received", 10_000);

        assertThat(received).isNotNull();
        assertThat(received.getMessage().getHeader("CamelAwsS3Key")).isEqualTo(key);
        assertThat(received.getMessage().getBody(String.class)).isEqualTo("object");
    }

    @Test
    void kafkaKameletsProduceAndConsume() throws Exception {
        String topic = "smoke-" + UUID.randomUUID();
        edge.route("kamelet:edgeloop-kafka-source?topic=" + topic + "&brokers={{kafka.brokers}}&consumerGroup=smoke",
                "seda:kafka-received");

        edge.producer().sendBody("kamelet:edgeloop-kafka-sink?topic=" + topic + "&brokers={{kafka.brokers}}",
                "{\"name\":\"smoke\"}");

        Exchange received = edge.consumer().receive("seda:kafka-received", 20_000);
        assertThat(received).isNotNull();
        assertThat(received.getMessage().getBody(String.class)).isEqualTo("{\"name\":\"smoke\"}");
        assertThat(platform.kafka().read(topic, 1, Duration.ofSeconds(10))).containsExactly("{\"name\":\"smoke\"}");
    }

    @Test
    void mqttSinkKameletReachesAWebSocketSubscriber() throws Exception {
        try (MqttTestClient browserLike = platform.mqttOverWebSocket().subscribe("smoke/ws")) {
            edge.producer().sendBody("kamelet:edgeloop-mqtt-sink?topic=smoke/ws&brokerUrl={{mqtt.brokerUrl}}",
                    "{\"name\":\"detection\"}");

            MqttTestClient.Received received = browserLike.next(Duration.ofSeconds(10));
            assertThat(received).isNotNull();
            assertThat(received.payload()).isEqualTo("{\"name\":\"detection\"}");
        }
    }

    @Test
    void mqttSourceKameletReceivesFromATcpPublisher() throws Exception {
        edge.route("kamelet:edgeloop-mqtt-source?topic=smoke/tcp/%2B&brokerUrl={{mqtt.brokerUrl}}",
                "seda:mqtt-received");
        Thread.sleep(500); // the subscription is made when the route starts, asynchronously
        try (MqttTestClient device = platform.mqttOverTcp()) {
            device.publish("smoke/tcp/device1", "ping");
        }

        Exchange received = edge.consumer().receive("seda:mqtt-received", 10_000);
        assertThat(received).isNotNull();
        assertThat(received.getMessage().getBody(String.class)).isEqualTo("ping");
        assertThat(received.getMessage().getHeader("CamelMqttTopic")).isEqualTo("smoke/tcp/device1");
    }
}
