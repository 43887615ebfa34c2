package io.edgeloop.local;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.edgeloop.local.infra.Infrastructure;
import io.edgeloop.local.infra.InfrastructurePorts;
import io.edgeloop.local.integration.ConnectionSettings;
import io.edgeloop.local.integration.Integration;
import io.edgeloop.local.integration.IntegrationRunner;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.pipeline.TrainerProcess;
import io.edgeloop.local.pipeline.TrainingEndpoint;
import io.edgeloop.local.pipeline.TrainingScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole loop on one machine: the embedded infrastructure plus one Camel Main per integration. */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);

    private final PlatformConfig config;
    private final Infrastructure infrastructure;
    private final List<IntegrationRunner> integrations = new ArrayList<>();
    private TrainingEndpoint trainingEndpoint;

    public LocalPlatform(PlatformConfig config) {
        this.config = config;
        this.infrastructure = Infrastructure.create(infrastructurePorts(config), config.edgeId(),
                config.s3Credentials(), config.dataDir());
    }

    /** Starts the infrastructure only, so single routes can be run against it with the Camel CLI. */
    public void startInfrastructure() throws Exception {
        Files.createDirectories(config.dataDir());
        infrastructure.start();
        writeConnectionFiles();
    }

    /** Starts the infrastructure and every integration whose route files exist. */
    public void start() throws Exception {
        startInfrastructure();
        try {
            startTrainingEndpoint();
            for (Integration integration : Integration.ALL) {
                startIntegration(integration);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * Starts the local EventListener when a trainer can be run: one is configured, or the trainer is on
     * this classpath (as when started by the edgeloop CLI).
     */
    private void startTrainingEndpoint() throws Exception {
        List<String> command = trainerCommand();
        if (command.isEmpty()) {
            LOG.info("No trainer on the classpath and no pipeline.command: the training endpoint is not started");
            return;
        }
        var infra = infrastructure;
        TrainerProcess trainer = new TrainerProcess(new TrainerProcess.Settings(command, infra.centralS3().endpoint(),
                config.s3Credentials(), infra.kafka().bootstrapServers(), config.get("model.name"),
                config.dataDir().resolve("training")));
        trainingEndpoint = new TrainingEndpoint(config.port("pipeline.port"), new TrainingScheduler(trainer));
        trainingEndpoint.start();
        LOG.info("Training endpoint (Tekton EventListener contract) is up on http://localhost:{}",
                config.port("pipeline.port"));
    }

    private List<String> trainerCommand() {
        String configured = config.get("pipeline.command").trim();
        if (!configured.isEmpty()) {
            return List.of(configured.split("\\s+"));
        }
        try {
            Class.forName("io.edgeloop.trainer.TrainCommand", false, getClass().getClassLoader());
            return TrainerProcess.sameClasspathCommand();
        } catch (ClassNotFoundException e) {
            return List.of();
        }
    }

    public boolean trainingEndpointRunning() {
        return trainingEndpoint != null;
    }

    private void startIntegration(Integration integration) throws Exception {
        if (integration.routeFiles(config.home()).isEmpty()) {
            LOG.info("Integration {} has no route files yet; not started", integration.name());
            return;
        }
        startIntegration(integration, Map.of());
    }

    /**
     * Starts one integration against the running infrastructure.
     *
     * @param extraSettings properties layered over the connection settings (tests point URLs elsewhere)
     */
    public IntegrationRunner startIntegration(Integration integration, Map<String, String> extraSettings)
            throws Exception {
        return startIntegration(integration, extraSettings, config.port(integration.portKey()));
    }

    /** As {@link #startIntegration(Integration, Map)}, on another port: a second instance of an integration. */
    public IntegrationRunner startIntegration(Integration integration, Map<String, String> extraSettings, int port)
            throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(connections().forSite(integration.site()));
        settings.putAll(extraSettings);
        IntegrationRunner runner = new IntegrationRunner(integration, config.home(), port, settings);
        runner.start();
        integrations.add(runner);
        LOG.info("Integration {} is up on http://localhost:{} (health: /observe/health)", integration.name(), port);
        return runner;
    }

    /** Stops one integration started by {@link #startIntegration(Integration, Map)}. */
    public void stopIntegration(IntegrationRunner runner) throws Exception {
        integrations.remove(runner);
        runner.close();
    }

    public ConnectionSettings connections() {
        Map<String, String> serviceUrls = new LinkedHashMap<>();
        for (Integration integration : Integration.ALL) {
            serviceUrls.put(integration.name() + ".url", "http://localhost:" + config.port(integration.portKey()));
        }
        serviceUrls.put("delivery.eventlistener-url", "http://localhost:" + config.port("pipeline.port"));
        serviceUrls.put("model-server.url", "http://localhost:" + config.port("model-server.port"));
        return new ConnectionSettings(config.edgeId(), infrastructure.kafka().bootstrapServers(),
                infrastructure.centralS3().endpoint(), infrastructure.edgeS3().endpoint(), config.s3Credentials(),
                config.get("s3.region"), infrastructure.mqtt().tcpUrl(),
                infrastructure.mqtt().webSocketUrl(), modelRepository(), serviceUrls);
    }

    /** The edge model repository: the manager delivers into it, the model server serves from it. */
    public Path modelRepository() {
        return config.dataDir().resolve("edge").resolve("models");
    }

    /** {@code <data.dir>/central.properties} and {@code edge.properties}, for {@code camel run --properties}. */
    private void writeConnectionFiles() throws IOException {
        for (Site site : Site.values()) {
            Properties props = new Properties();
            props.putAll(connections().forSite(site));
            Path file = connectionFile(site);
            try (Writer out = Files.newBufferedWriter(file)) {
                props.store(out, "Connection settings of the running local platform for " + site.folder()
                        + " routes (contains the local S3 credentials)");
            }
        }
    }

    public Path connectionFile(Site site) {
        return config.dataDir().resolve(site.folder() + ".properties");
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    public List<IntegrationRunner> integrations() {
        return List.copyOf(integrations);
    }

    public PlatformConfig config() {
        return config;
    }

    private static InfrastructurePorts infrastructurePorts(PlatformConfig config) {
        return new InfrastructurePorts(config.port("kafka.port"), config.port("kafka.controller-port"),
                config.port("s3.central.port"), config.port("s3.edge.port"), config.port("mqtt.port"),
                config.port("mqtt.ws-port"));
    }

    @Override
    public void close() {
        for (int i = integrations.size() - 1; i >= 0; i--) {
            IntegrationRunner runner = integrations.get(i);
            try {
                runner.close();
            } catch (Exception e) {
                LOG.warn("Stopping integration {} failed: {}", runner.integration().name(), e.getMessage());
            }
        }
        integrations.clear();
        if (trainingEndpoint != null) {
            trainingEndpoint.close();
            trainingEndpoint = null;
        }
        infrastructure.close();
    }
}
