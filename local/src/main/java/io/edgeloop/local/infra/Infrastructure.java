package io.edgeloop.local.infra;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka and the central S3 server, and each edge's S3 server and MQTT broker: what every integration connects to. */
public final class Infrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 centralS3;
    private final List<EdgeServers> edges;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    public Infrastructure(EmbeddedKafka kafka, EmbeddedS3 centralS3, List<EdgeServers> edges) {
        this.kafka = kafka;
        this.centralS3 = centralS3;
        this.edges = List.copyOf(edges);
    }

    /** Central buckets of one edge: what it ships, every trained model, and models waiting for delivery. */
    public static List<String> centralBuckets(String edgeId) {
        return List.of(edgeId + "-data", edgeId + "-models", edgeId + "-ready");
    }

    /**
     * Edge buckets: served models, training photos, detected photos (known / unknown), shipments waiting for central,
     * the monitor's event history and its copy of central topics.
     */
    public static final List<String> EDGE_BUCKETS =
            List.of("production", "data", "valid", "unclassified", "outbox", "events", "topics");

    /**
     * @param ports the central ports and the first edge's
     * @param edgePortStep how much higher each next edge's ports are
     * @param persistentS3 whether the S3 servers keep their objects in {@code dataDir} ({@link #centralS3Directory},
     *     {@link #edgeS3Directory}) or in memory
     */
    public static Infrastructure create(InfrastructurePorts ports, List<String> edgeIds, int edgePortStep,
            S3Credentials credentials, Path dataDir, boolean persistentS3) {
        List<EdgeServers> edges = new ArrayList<>();
        for (int k = 0; k < edgeIds.size(); k++) {
            String edgeId = edgeIds.get(k);
            int offset = k * edgePortStep;
            S3Storage storage = persistentS3 ? S3Storage.onDisk(edgeS3Directory(dataDir, edgeId)) : S3Storage.inMemory();
            edges.add(new EdgeServers(edgeId,
                    new EmbeddedS3(edgeIds.size() == 1 ? "edge" : edgeId, ports.edgeS3() + offset, credentials,
                            EDGE_BUCKETS, storage),
                    new EmbeddedMqttBroker("edgeloop-" + edgeId, ports.mqtt() + offset, ports.mqttWebSocket() + offset)));
        }
        List<String> centralBuckets = edgeIds.stream().flatMap(edgeId -> centralBuckets(edgeId).stream()).toList();
        return new Infrastructure(
                new EmbeddedKafka(ports.kafka(), ports.kafkaController(), dataDir.resolve("kafka")),
                new EmbeddedS3("central", ports.centralS3(), credentials, centralBuckets,
                        persistentS3 ? S3Storage.onDisk(centralS3Directory(dataDir)) : S3Storage.inMemory()), edges);
    }

    /** Where the central S3 server keeps its objects on disk. */
    public static Path centralS3Directory(Path dataDir) {
        return dataDir.resolve("s3").resolve("central");
    }

    /** Where an edge's S3 server keeps its objects on disk: beside the edge's model repository. */
    public static Path edgeS3Directory(Path dataDir, String edgeId) {
        return dataDir.resolve("edges").resolve(edgeId).resolve("s3");
    }

    public void start() throws Exception {
        try {
            kafka.start();
            started.push(kafka);
            LOG.info("Kafka (KRaft) is up on {}", kafka.bootstrapServers());
            start(centralS3);
            for (EdgeServers edge : edges) {
                start(edge.s3());
                edge.mqtt().start();
                started.push(edge.mqtt());
                LOG.info("MQTT broker of {} is up on {} and {}", edge.edgeId(), edge.mqtt().tcpUrl(),
                        edge.mqtt().webSocketUrl());
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private void start(EmbeddedS3 s3) throws Exception {
        s3.start();
        started.push(s3);
        LOG.info("{} S3 is up on {} with buckets {}, {}", s3.name(), s3.endpoint(), s3.buckets(), s3.storage());
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedS3 centralS3() {
        return centralS3;
    }

    /** The first edge's S3 server. */
    public EmbeddedS3 edgeS3() {
        return edges.get(0).s3();
    }

    /** The first edge's MQTT broker. */
    public EmbeddedMqttBroker mqtt() {
        return edges.get(0).mqtt();
    }

    public EdgeServers edge(String edgeId) {
        return edges.stream().filter(edge -> edge.edgeId().equals(edgeId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown edge '" + edgeId + "'"));
    }

    public List<EdgeServers> edges() {
        return edges;
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
