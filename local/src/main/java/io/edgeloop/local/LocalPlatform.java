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

import io.edgeloop.local.infra.EdgeServers;
import io.edgeloop.local.infra.Infrastructure;
import io.edgeloop.local.infra.InfrastructurePorts;
import io.edgeloop.local.infra.S3Clients;
import io.edgeloop.local.integration.ConnectionSettings;
import io.edgeloop.local.integration.Integration;
import io.edgeloop.local.integration.IntegrationRunner;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.pipeline.TrainerProcess;
import io.edgeloop.local.pipeline.TrainingEndpoint;
import io.edgeloop.local.pipeline.TrainingScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/** The whole loop on one machine: the embedded infrastructure plus one Camel Main per integration. */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
    /** The platform setting, and the shopper's property, of the shopper's admin token. */
    public static final String ADMIN_TOKEN = "shopper.admin-token";

    private final PlatformConfig config;
    private final Infrastructure infrastructure;
    private final List<IntegrationRunner> integrations = new ArrayList<>();
    private TrainingEndpoint trainingEndpoint;

    public LocalPlatform(PlatformConfig config) {
        this.config = config;
        this.infrastructure = Infrastructure.create(infrastructurePorts(config), config.edgeIds(),
                config.port("edges.port-step"), config.s3Credentials(), config.dataDir(),
                config.persistentStorage());
    }

    /** Starts the infrastructure only, so single routes can be run against it with the Camel CLI. */
    public void startInfrastructure() throws Exception {
        Files.createDirectories(config.dataDir());
        infrastructure.start();
        writeConnectionFiles();
    }

    /** Starts the infrastructure and every integration whose route files exist, the edge ones once per edge. */
    public void start() throws Exception {
        startInfrastructure();
        try {
            restoreModelHistory();
            startTrainingEndpoint();
            for (Integration integration : Integration.ALL) {
                if (integration.routeFiles(config.home()).isEmpty()) {
                    LOG.info("Integration {} has no route files yet; not started", integration.name());
                } else if (integration.site() == Site.CENTRAL) {
                    startIntegration(integration, Map.of());
                } else {
                    for (String edgeId : config.edgeIds()) {
                        startIntegration(integration, edgeId, platformSettings(integration),
                                config.edgePort(integration.portKey(), edgeId));
                    }
                }
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** What an integration takes from the platform's settings besides its connections: the shopper's admin token. */
    private Map<String, String> platformSettings(Integration integration) {
        return integration.name().equals("shopper") ? Map.of(ADMIN_TOKEN, config.get(ADMIN_TOKEN)) : Map.of();
    }

    /** Before any trainer runs: the central model buckets as the last complete versions left them. */
    private void restoreModelHistory() throws IOException {
        try (S3Client s3 = S3Clients.connect(infrastructure.centralS3().endpoint(), config.s3Credentials(),
                config.get("s3.region"))) {
            for (String edgeId : config.edgeIds()) {
                new IncompleteVersions(s3).remove(edgeId, config.get("model.name"));
                new ModelHistoryRestore(s3).restore(edgeId, modelRepository(edgeId), config.get("model.name"));
            }
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

    /**
     * Starts one integration against the running infrastructure; an edge integration for the first edge.
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
        return startIntegration(integration, config.edgeIds().get(0), extraSettings, port);
    }

    /** Starts one integration; an edge integration connects to the given edge's servers and services. */
    public IntegrationRunner startIntegration(Integration integration, String edgeId, Map<String, String> extraSettings,
            int port) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(connections(edgeId).forSite(integration.site()));
        String name = integration.name();
        if (integration.site() == Site.EDGE && config.edgeIds().size() > 1) {
            name = name + "-" + edgeId;
            settings.put("camel.main.name", name);
        }
        settings.putAll(extraSettings);
        IntegrationRunner runner = new IntegrationRunner(integration, config.home(), port, settings);
        runner.start();
        integrations.add(runner);
        LOG.info("Integration {} is up on http://localhost:{} (health: /observe/health)", name, port);
        return runner;
    }

    /** Stops one integration started by {@link #startIntegration(Integration, Map)}. */
    public void stopIntegration(IntegrationRunner runner) throws Exception {
        integrations.remove(runner);
        runner.close();
    }

    /** The connection settings of the central site and the first edge. */
    public ConnectionSettings connections() {
        return connections(config.edgeIds().get(0));
    }

    public ConnectionSettings connections(String edgeId) {
        Map<String, String> serviceUrls = new LinkedHashMap<>();
        for (Integration integration : Integration.ALL) {
            int port = integration.site() == Site.CENTRAL ? config.port(integration.portKey())
                    : config.edgePort(integration.portKey(), edgeId);
            serviceUrls.put(integration.name() + ".url", "http://localhost:" + port);
        }
        serviceUrls.put("delivery.eventlistener-url", "http://localhost:" + config.port("pipeline.port"));
        serviceUrls.put("model-server.url", "http://localhost:" + config.edgePort("model-server.port", edgeId));
        EdgeServers edge = infrastructure.edge(edgeId);
        return new ConnectionSettings(edgeId, infrastructure.kafka().bootstrapServers(),
                infrastructure.centralS3().endpoint(), edge.s3().endpoint(), config.s3Credentials(),
                config.get("s3.region"), edge.mqtt().tcpUrl(), edge.mqtt().webSocketUrl(), modelRepository(edgeId),
                serviceUrls);
    }

    /** The first edge's model repository. */
    public Path modelRepository() {
        return modelRepository(config.edgeIds().get(0));
    }

    /** An edge's model repository: the manager delivers into it, the model server serves from it. */
    public Path modelRepository(String edgeId) {
        return config.dataDir().resolve("edges").resolve(edgeId).resolve("models");
    }

    /**
     * {@code <data.dir>/central.properties} and {@code edge.properties} (the first edge), plus
     * {@code edge-<edgeId>.properties} for every further edge, for {@code camel run --properties}.
     */
    private void writeConnectionFiles() throws IOException {
        writeConnectionFile(connectionFile(Site.CENTRAL), connections().forSite(Site.CENTRAL), Site.CENTRAL.folder());
        List<String> edgeIds = config.edgeIds();
        for (String edgeId : edgeIds) {
            Path file = edgeId.equals(edgeIds.get(0)) ? connectionFile(Site.EDGE) : connectionFile(edgeId);
            writeConnectionFile(file, connections(edgeId).forSite(Site.EDGE), "edge " + edgeId);
        }
    }

    private static void writeConnectionFile(Path file, Map<String, String> settings, String what) throws IOException {
        Properties props = new Properties();
        props.putAll(settings);
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, "Connection settings of the running local platform for " + what
                    + " routes (contains the local S3 credentials)");
        }
    }

    public Path connectionFile(Site site) {
        return config.dataDir().resolve(site.folder() + ".properties");
    }

    /** The connection file of an edge after the first. */
    public Path connectionFile(String edgeId) {
        return config.dataDir().resolve("edge-" + edgeId + ".properties");
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
