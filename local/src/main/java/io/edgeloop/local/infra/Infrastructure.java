package io.edgeloop.local.infra;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka, the central and the edge S3 servers, and the MQTT broker: what every integration connects to. */
public final class Infrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 centralS3;
    private final EmbeddedS3 edgeS3;
    private final EmbeddedMqttBroker mqtt;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    public Infrastructure(EmbeddedKafka kafka, EmbeddedS3 centralS3, EmbeddedS3 edgeS3, EmbeddedMqttBroker mqtt) {
        this.kafka = kafka;
        this.centralS3 = centralS3;
        this.edgeS3 = edgeS3;
        this.mqtt = mqtt;
    }

    /** Central buckets of one edge: what it ships, every trained model, and models waiting for delivery. */
    public static List<String> centralBuckets(String edgeId) {
        return List.of(edgeId + "-data", edgeId + "-models", edgeId + "-ready");
    }

    /** Edge buckets: served models, labelled training photos, and detected photos (known / unknown). */
    public static final List<String> EDGE_BUCKETS = List.of("production", "data", "valid", "unclassified");

    public static Infrastructure create(InfrastructurePorts ports, String edgeId, S3Credentials credentials,
            Path dataDir) {
        return new Infrastructure(
                new EmbeddedKafka(ports.kafka(), ports.kafkaController(), dataDir.resolve("kafka")),
                new EmbeddedS3("central", ports.centralS3(), credentials, centralBuckets(edgeId)),
                new EmbeddedS3("edge", ports.edgeS3(), credentials, EDGE_BUCKETS),
                new EmbeddedMqttBroker(ports.mqtt(), ports.mqttWebSocket()));
    }

    public void start() throws Exception {
        try {
            kafka.start();
            started.push(kafka);
            LOG.info("Kafka (KRaft) is up on {}", kafka.bootstrapServers());
            for (EmbeddedS3 s3 : List.of(centralS3, edgeS3)) {
                s3.start();
                started.push(s3);
                LOG.info("{} S3 is up on {} with buckets {}", s3.name(), s3.endpoint(), s3.buckets());
            }
            mqtt.start();
            started.push(mqtt);
            LOG.info("MQTT broker is up on {} and {}", mqtt.tcpUrl(), mqtt.webSocketUrl());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedS3 centralS3() {
        return centralS3;
    }

    public EmbeddedS3 edgeS3() {
        return edgeS3;
    }

    public EmbeddedMqttBroker mqtt() {
        return mqtt;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", service.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
