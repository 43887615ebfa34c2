package io.edgeloop.local.infra;

/** The ports the embedded infrastructure listens on. */
public record InfrastructurePorts(int kafka, int kafkaController, int centralS3, int edgeS3, int mqtt,
        int mqttWebSocket) {
}
