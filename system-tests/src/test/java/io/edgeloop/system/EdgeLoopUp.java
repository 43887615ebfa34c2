package io.edgeloop.system;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.edgeloop.local.PlatformConfig;
import io.edgeloop.local.testing.ChildJvm;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.KafkaTestClient;
import io.edgeloop.local.testing.S3TestClient;

/**
 * {@code edgeloop up} in a JVM of its own on free ports, its S3 objects on disk in one data directory that outlives
 * it, as a shop runs it; {@link #kill()} is a crash: SIGKILL for the JVM and the trainer it runs.
 */
final class EdgeLoopUp {

    private static final Duration START = Duration.ofMinutes(3);

    private final Map<String, String> settings;
    private final PlatformConfig config;
    private ChildJvm jvm;

    EdgeLoopUp(Path dataDir) {
        settings = FreePorts.platformSettings(dataDir);
        settings.put("storage", "disk");
        config = PlatformConfig.load(null, Map.of(), settings);
    }

    /** Starts {@code edgeloop up} on the data directory and waits until it is ready. */
    void start() throws Exception {
        List<String> args = new ArrayList<>(List.of("up"));
        settings.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        jvm = ChildJvm.start(config.dataDir().resolve("edgeloop-up.log"), "io.edgeloop.cli.EdgeLoop", args);
        jvm.awaitOutput("EdgeLoop is ready in", START);
    }

    void awaitOutput(String text, Duration timeout) throws Exception {
        jvm.awaitOutput(text, timeout);
    }

    /** The processes {@code edgeloop up} started that still run: the trainer's while it trains. */
    List<ProcessHandle> children() {
        return jvm.children();
    }

    /** SIGKILL for the platform's JVM alone; returns the processes it had started. */
    List<ProcessHandle> killJvmOnly() throws InterruptedException {
        return jvm.killJvmOnly();
    }

    void kill() throws InterruptedException {
        if (jvm != null) {
            jvm.kill();
        }
    }

    S3TestClient centralS3() {
        return new S3TestClient("http://localhost:" + config.port("s3.central.port"), config.s3Credentials());
    }

    S3TestClient edgeS3() {
        return new S3TestClient("http://localhost:" + config.port("s3.edge.port"), config.s3Credentials());
    }

    KafkaTestClient kafka() {
        return new KafkaTestClient("localhost:" + config.port("kafka.port"));
    }

    URI url(String portKey, String path) {
        return URI.create("http://localhost:" + config.port(portKey) + path);
    }

    /** The edge's model repository, {@code <data.dir>/edges/edge1/models/<model>}. */
    Path modelDirectory() {
        return config.dataDir().resolve("edges").resolve(config.edgeId()).resolve("models").resolve(EdgeShop.MODEL);
    }
}
