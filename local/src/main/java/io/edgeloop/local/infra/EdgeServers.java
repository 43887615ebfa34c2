package io.edgeloop.local.infra;

/** The infrastructure of one edge: its own S3 server and MQTT broker, as each shop has. */
public record EdgeServers(String edgeId, EmbeddedS3 s3, EmbeddedMqttBroker mqtt) {
}
