package io.edgeloop.local.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.edgeloop.local.LocalPlatform;
import io.edgeloop.local.PlatformConfig;
import io.edgeloop.local.integration.Integration;
import io.edgeloop.local.integration.IntegrationRunner;
import io.edgeloop.local.integration.Site;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real embedded infrastructure (Kafka, central and edge S3, MQTT) on free ports, started once per
 * test run and shared by every test class; integrations are started from the real route and kamelet
 * files on disk, one Camel context each.
 */
public final class TestPlatform implements ExtensionContext.Store.CloseableResource {

    private final LocalPlatform platform;
    private final AtomicInteger edgeNumbers = new AtomicInteger();
    private final S3TestClient centralS3;
    private final S3TestClient edgeS3;

    private TestPlatform(LocalPlatform platform) {
        this.platform = platform;
        var infra = platform.infrastructure();
        var credentials = platform.config().s3Credentials();
        this.centralS3 = new S3TestClient(infra.centralS3().endpoint(), credentials);
        this.edgeS3 = new S3TestClient(infra.edgeS3().endpoint(), credentials);
    }

    static TestPlatform start() throws Exception {
        Path dataDir = Files.createTempDirectory("edgeloop-test");
        LocalPlatform platform = new LocalPlatform(
                PlatformConfig.load(null, Map.of(), FreePorts.platformSettings(dataDir)));
        platform.startInfrastructure();
        return new TestPlatform(platform);
    }

    /** Starts an integration from its files on disk; close it when the test class is done. */
    public RunningIntegration startIntegration(Site site, String name) throws Exception {
        return startIntegration(site, name, Map.of());
    }

    /** As {@link #startIntegration(Site, String)}, with extra properties over the connection settings. */
    public RunningIntegration startIntegration(Site site, String name, Map<String, String> settings)
            throws Exception {
        IntegrationRunner runner = platform.startIntegration(new Integration(site, name), settings);
        return new RunningIntegration(runner, () -> platform.stopIntegration(runner));
    }

    /** A second instance of an integration, on a free port, e.g. one pointed at a service that is down. */
    public RunningIntegration startAnotherIntegration(Site site, String name, Map<String, String> settings)
            throws Exception {
        return startIntegrationOn(FreePorts.next(), site, name, settings);
    }

    /** An instance of an integration on a given port, e.g. a service that comes back where its clients expect it. */
    public RunningIntegration startIntegrationOn(int port, Site site, String name, Map<String, String> settings)
            throws Exception {
        IntegrationRunner runner = platform.startIntegration(new Integration(site, name), settings, port);
        return new RunningIntegration(runner, () -> platform.stopIntegration(runner));
    }

    public LocalPlatform platform() {
        return platform;
    }

    public PlatformConfig config() {
        return platform.config();
    }

    /**
     * A fresh edge id ({@code prefix} and a number) with its central bucket {@code <edge>-data}, so tests that
     * ship for it never mix their buckets or events with other tests'.
     */
    public String newCentralEdge(String prefix) {
        String edgeId = prefix + edgeNumbers.incrementAndGet();
        centralS3().createBucket(edgeId + "-data");
        return edgeId;
    }

    public S3TestClient centralS3() {
        return centralS3;
    }

    public S3TestClient edgeS3() {
        return edgeS3;
    }

    public KafkaTestClient kafka() {
        return new KafkaTestClient(platform.infrastructure().kafka().bootstrapServers());
    }

    public MqttTestClient mqttOverTcp() throws Exception {
        return MqttTestClient.connect(platform.infrastructure().mqtt().tcpUrl());
    }

    public MqttTestClient mqttOverWebSocket() throws Exception {
        return MqttTestClient.connect(platform.infrastructure().mqtt().webSocketUrl());
    }

    @Override
    public void close() {
        centralS3.close();
        edgeS3.close();
        platform.close();
    }
}
