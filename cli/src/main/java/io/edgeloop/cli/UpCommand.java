package io.edgeloop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.edgeloop.local.LocalPlatform;
import io.edgeloop.local.PlatformConfig;
import io.edgeloop.modelserver.ModelServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgeloop up}: runs the local platform until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Runs the whole loop on this machine: Kafka, central and edge S3, MQTT and every integration.",
                "Settings: see --set; each also reads the environment variable EDGELOOP_<KEY>."})
final class UpCommand implements Callable<Integer> {

    @Option(names = "--infra-only", description = "Start only Kafka, both S3 servers and the MQTT broker.")
    boolean infraOnly;

    @Option(names = "--edge-id", description = "The edge this machine plays (default: edge1).")
    String edgeId;

    @Option(names = "--data-dir", description = "Where state is kept (default: .edgeloop).")
    Path dataDir;

    @Option(names = "--config", description = "A properties file of settings (default: edgeloop.properties if present).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any setting, e.g. --set kafka.port=19092 --set shopper.port=18080.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PlatformConfig platformConfig = PlatformConfig.load(configFile(), System.getenv(), overrides());
        LocalPlatform platform = new LocalPlatform(platformConfig);
        AtomicReference<ModelServer> modelServer = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping EdgeLoop...");
            Optional.ofNullable(modelServer.get()).ifPresent(ModelServer::close);
            platform.close();
            stopped.countDown();
        }, "edgeloop-shutdown"));
        long started = System.nanoTime();
        if (infraOnly) {
            platform.startInfrastructure();
        } else {
            platform.start();
            modelServer.set(LocalModelServer.start(platform));
        }
        System.out.println(new ReadyBanner(platform, modelServer.get())
                .render((System.nanoTime() - started) / 1_000_000));
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
        if (dataDir != null) {
            overrides.put("data.dir", dataDir.toString());
        }
        return overrides;
    }
}
