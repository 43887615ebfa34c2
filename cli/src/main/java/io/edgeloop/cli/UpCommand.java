package io.edgeloop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.edgeloop.local.LocalPlatform;
import io.edgeloop.local.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgeloop up}: runs the local platform until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Runs the whole loop on this machine: Kafka, central and edge S3, MQTT, every integration and",
                "each edge's model server; an edge without a model gets one trained through the loop.",
                "Settings: see --set; each also reads the environment variable EDGELOOP_<KEY>."})
final class UpCommand implements Callable<Integer> {

    @Option(names = "--infra-only", description = "Start only Kafka, the S3 servers and the MQTT brokers.")
    boolean infraOnly;

    @Option(names = "--edge-id", description = "The edge this machine plays (default: edge1).")
    String edgeId;

    @Option(names = "--edges", split = ",", paramLabel = "ID",
            description = "Several edges against one central site, e.g. --edges edge1,edge2 (each one's ports are"
                    + " edges.port-step = 100 higher than the previous one's).")
    List<String> edges;

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "Labelled photos (images/<class>/*.jpg) for the initial model of an edge that has none"
                    + " (default: generated photos).")
    Path dataset;

    @Option(names = "--data-dir", description = "Where state is kept (default: .edgeloop).")
    Path dataDir;

    @Option(names = "--ephemeral", description = "Keep the S3 objects in memory: every start begins with empty"
            + " buckets (default: on disk under the data directory; same as --set storage=ephemeral).")
    boolean ephemeral;

    @Option(names = "--config", description = "A properties file of settings (default: edgeloop.properties if present).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any setting, e.g. --set kafka.port=19092 --set shopper.port=18080.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PlatformConfig platformConfig = PlatformConfig.load(configFile(), System.getenv(), overrides());
        AtomicReference<AutoCloseable> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping EdgeLoop...");
            try {
                if (running.get() != null) {
                    running.get().close();
                }
            } catch (Exception e) {
                System.out.println("Stopping failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "edgeloop-shutdown"));
        long started = System.nanoTime();
        if (infraOnly) {
            LocalPlatform platform = new LocalPlatform(platformConfig);
            running.set(platform);
            platform.startInfrastructure();
            System.out.println(new ReadyBanner(platform, List.of()).render((System.nanoTime() - started) / 1_000_000));
        } else {
            EdgeLoopRuntime runtime = EdgeLoopRuntime.start(platformConfig);
            running.set(runtime);
            System.out.println(new ReadyBanner(runtime.platform(), runtime.modelServers())
                    .render((System.nanoTime() - started) / 1_000_000));
            new InitialModelLauncher(runtime.platform(), new InitialModel(runtime.platform(), dataset),
                    runtime.modelServers()).start();
        }
        stopped.await();
        return 0;
    }

    private Path configFile() {
        if (config != null) {
            return config;
        }
        Path conventional = Path.of("edgeloop.properties");
        return Files.exists(conventional) ? conventional : null;
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        if (edgeId != null) {
            overrides.put("edge.id", edgeId);
        }
        if (edges != null) {
            overrides.put("edges", String.join(",", edges));
        }
        if (dataDir != null) {
            overrides.put("data.dir", dataDir.toString());
        }
        if (ephemeral) {
            overrides.put("storage", "ephemeral");
        }
        return overrides;
    }
}
