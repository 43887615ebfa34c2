package io.edgeloop.local.integration;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * Runs one integration in its own Camel Main: its YAML routes and our kamelets from disk, its own
 * properties file, and the connection settings of the platform layered on top.
 */
public final class IntegrationRunner implements AutoCloseable {

    private final Integration integration;
    private final Path home;
    private final int port;
    private final Map<String, String> settings;
    private Main main;

    /**
     * @param settings properties that override the integration's file, e.g. broker URLs and credentials
     */
    public IntegrationRunner(Integration integration, Path home, int port, Map<String, String> settings) {
        this.integration = integration;
        this.home = home;
        this.port = port;
        this.settings = Map.copyOf(settings);
    }

    public void start() throws Exception {
        failIfPortTaken();
        Main camel = new Main();
        Path properties = integration.propertiesFile(home);
        // Only this integration's file: no classpath application.properties shared by every context.
        camel.setDefaultPropertyPlaceholderLocation("false");
        if (Files.exists(properties)) {
            camel.setPropertyPlaceholderLocations("file:" + properties);
        }
        platformProperties().forEach(camel::addOverrideProperty);
        camel.start();
        main = camel;
    }

    /**
     * Camel's Vert.x HTTP server only logs a failed bind ("Address already in use"), and the context starts anyway
     * with its server still reporting the port: a stage that answers nobody, or another process answering in its
     * place. So the port is tried first, with the same address reuse as Vert.x.
     */
    private void failIfPortTaken() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (BindException e) {
            throw new IOException(integration.name() + " cannot listen on port " + port + ": it is in use", e);
        }
    }

    private Map<String, String> platformProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("camel.main.name", integration.name());
        props.put("camel.main.routes-include-pattern", integration.routesIncludePattern(home));
        props.put("camel.main.use-mdc-logging", "true");
        // camel-observability-services turns OpenTelemetry tracing on; this JVM has no exporter to send a trace
        // to, so every span would be work for nothing (an eighth of a detection's CPU, bench/detect.sh).
        props.put("camel.opentelemetry2.enabled", "false");
        props.put("camel.component.kamelet.location", "file:" + home.resolve("kamelets"));
        // On stop Camel stops a kamelet's own route before an exchange in flight reaches it; the sender then
        // waits this long for it (30 s by default) before failing: keep a stop short, the record is redelivered.
        props.put("camel.component.kamelet.timeout", "1000");
        props.put("camel.server.enabled", "true");
        props.put("camel.server.port", Integer.toString(port));
        // camel-observability-services serves health and metrics on the management server; sharing the
        // integration's port keeps one port per integration (and a separate one would hide the routes).
        props.put("camel.management.enabled", "true");
        props.put("camel.management.port", Integer.toString(port));
        props.put("edgeloop.home", home.toString());
        props.putAll(settings);
        return props;
    }

    /** The name it runs under: the integration's, with the edge id when several edges run. */
    public String name() {
        return settings.getOrDefault("camel.main.name", integration.name());
    }

    /** The edge an edge integration serves; null for a central one. */
    public String edgeId() {
        return integration.site() == Site.EDGE ? settings.get("edge.id") : null;
    }

    public Integration integration() {
        return integration;
    }

    public int port() {
        return port;
    }

    public CamelContext camelContext() {
        return main == null ? null : main.getCamelContext();
    }

    @Override
    public void close() throws Exception {
        if (main != null) {
            main.stop();
            main = null;
        }
    }
}
