package io.edgeloop.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Camel K Integration of one integration of {@code routes/}: its hand-written deployment settings
 * ({@code manifests/<site>/integrations/<name>.yaml}) plus what comes from the repository, which the settings may
 * not set themselves: the route files and beans as {@code spec.sources}, the properties file as
 * {@code camel.properties} (less the keys the site's connection settings own, so every key is set once), the Camel
 * runtime, and the repository directories the properties read ({@link MountedDirectory}).
 */
public final class IntegrationManifest {

    /**
     * Camel K runs Integrations on Camel Quarkus: the release built on the Camel the routes are written and tested
     * for (Camel 4.17.0 is Camel Quarkus 3.31.0), through the plain Quarkus runtime provider.
     */
    public static final String RUNTIME_PROVIDER = "plain-quarkus";
    public static final String RUNTIME_VERSION = "3.31.0";
    /** Quarkus build-time setting: health and metrics (/observe/...) on the HTTP port the probes use. */
    public static final List<String> BUILD_PROPERTIES = List.of("quarkus.management.enabled=false");
    public static final String CONTAINER = "integration";
    /**
     * Camel Main's HTTP server takes any body unless {@code camel.server.maxBodySize} says otherwise; Quarkus's
     * refuses more than 10 MiB by default. An Integration that serves HTTP gets its Camel limit, or this one.
     */
    public static final String QUARKUS_BODY_LIMIT = "quarkus.http.limits.max-body-size";
    public static final String CAMEL_BODY_LIMIT = "camel.server.maxBodySize";
    public static final String NO_BODY_LIMIT = "1T";

    private final RouteIntegration integration;
    private final Set<String> siteKeys;

    /**
     * @param siteKeys the keys of the site's connection settings (ConfigMap edgeloop-site), left out of the
     *                 integration's own properties
     */
    public IntegrationManifest(RouteIntegration integration, Set<String> siteKeys) {
        this.integration = integration;
        this.siteKeys = siteKeys;
    }

    /** The camel.properties of the Integration, in the order of the properties file. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        PropertiesFile.read(integration.propertiesFile()).forEach((key, value) -> {
            if (!siteKeys.contains(key)) {
                properties.put(key, value);
            }
        });
        if (!mountedDirectories().isEmpty() && !siteKeys.contains(MountedDirectory.HOME_PROPERTY)) {
            properties.put(MountedDirectory.HOME_PROPERTY, MountedDirectory.MOUNT_ROOT);
        }
        if (servesHttp() && !siteKeys.contains(QUARKUS_BODY_LIMIT)) {
            properties.put(QUARKUS_BODY_LIMIT, properties.getOrDefault(CAMEL_BODY_LIMIT, NO_BODY_LIMIT));
        }
        return properties;
    }

    /** Whether a route consumes HTTP requests (platform-http). */
    public boolean servesHttp() {
        return integration.routeFiles().stream().anyMatch(file -> read(file).contains("platform-http:"));
    }

    /** The repository directories the properties read through {@code {{edgeloop.home}}}, in order. */
    public List<MountedDirectory> mountedDirectories() {
        Set<String> dirs = new LinkedHashSet<>();
        PropertiesFile.read(integration.propertiesFile()).values()
                .forEach(value -> dirs.addAll(MountedDirectory.referencedBy(value)));
        return dirs.stream().map(dir -> new MountedDirectory(integration.root(), dir)).toList();
    }

    public ObjectNode build() {
        ObjectNode manifest = settings();
        ObjectNode spec = manifest.withObjectProperty("spec");
        ObjectNode traits = spec.withObjectProperty("traits");
        refuse(traits, "camel", "the Camel runtime and the properties come from the properties file");
        refuse(traits.path("builder"), "properties", "the build properties are the runtime's");
        refuse(spec, "sources", "the sources are the route files and beans");

        ObjectNode camel = traits.putObject("camel")
                .put("runtimeProvider", RUNTIME_PROVIDER).put("runtimeVersion", RUNTIME_VERSION);
        ArrayNode properties = camel.putArray("properties");
        properties().forEach((key, value) -> properties.add(key + "=" + value));
        ArrayNode build = traits.withObjectProperty("builder").putArray("properties");
        BUILD_PROPERTIES.forEach(build::add);

        List<MountedDirectory> mounted = mountedDirectories();
        if (!mounted.isEmpty()) {
            ObjectNode podSpec = spec.withObjectProperty("template").withObjectProperty("spec");
            ArrayNode volumes = podSpec.withArrayProperty("volumes");
            ObjectNode container = container(podSpec.withArrayProperty("containers"));
            ArrayNode mounts = container.withArrayProperty("volumeMounts");
            for (MountedDirectory dir : mounted) {
                volumes.add(dir.volume());
                mounts.add(dir.volumeMount());
            }
        }

        ArrayNode sources = spec.putArray("sources");
        List<Path> files = new ArrayList<>(integration.routeFiles());
        if (files.isEmpty()) {
            throw new IllegalStateException("no route files *.camel.yaml in "
                    + integration.relative(integration.directory()));
        }
        files.addAll(integration.beanFiles());
        for (Path file : files) {
            sources.addObject().put("name", file.getFileName().toString()).put("content", read(file));
        }
        return manifest;
    }

    /** The generated file: a header naming its inputs, then the Integration. */
    public String text() {
        List<String> inputs = new ArrayList<>();
        integration.routeFiles().forEach(file -> inputs.add(integration.relative(file)));
        if (!integration.beanFiles().isEmpty()) {
            inputs.add(integration.relative(integration.directory()) + "/*.java");
        }
        inputs.add(integration.relative(integration.propertiesFile()));
        inputs.add(integration.relative(integration.settingsFile()));
        return "# Generated by manifests/generate.sh from\n#   " + String.join("\n#   ", inputs)
                + "\n# Do not edit: change those and run manifests/generate.sh.\n" + ManifestYaml.write(build());
    }

    private ObjectNode settings() {
        Path file = integration.settingsFile();
        if (!Files.exists(file)) {
            throw new IllegalStateException("no deployment settings " + integration.relative(file) + " for "
                    + integration.relative(integration.propertiesFile()));
        }
        try {
            JsonNode settings = ManifestYaml.MAPPER.readTree(file.toFile());
            if (!settings.path("kind").asText().equals("Integration")
                    || !settings.path("metadata").path("name").asText().equals(integration.name())) {
                throw new IllegalStateException(integration.relative(file) + " must be the Integration "
                        + integration.name());
            }
            return (ObjectNode) settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode container(ArrayNode containers) {
        for (JsonNode container : containers) {
            if (CONTAINER.equals(container.path("name").asText())) {
                return (ObjectNode) container;
            }
        }
        return containers.addObject().put("name", CONTAINER);
    }

    private void refuse(JsonNode node, String field, String why) {
        if (node.has(field)) {
            throw new IllegalStateException(integration.relative(integration.settingsFile()) + " sets " + field
                    + ", which the generator writes: " + why);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
