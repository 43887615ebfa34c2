package io.edgeloop.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.edgeloop.local.infra.S3Credentials;

/**
 * The platform's settings: ports, edge id, data directory and S3 credentials.
 * Each key (e.g. {@code kafka.port}) is resolved from, highest first: explicit overrides (CLI flags),
 * the environment variable {@code EDGELOOP_<KEY>} (e.g. {@code EDGELOOP_KAFKA_PORT},
 * {@code EDGELOOP_S3_ACCESS_KEY}), a properties file, then the documented defaults in
 * {@code edgeloop-defaults.properties}.
 */
public final class PlatformConfig {


    private final Map<String, String> values;

    private PlatformConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static PlatformConfig defaults() {
        return load(null, Map.of(), Map.of());
    }

    /**
     * @param file optional properties file (may be null)
     * @param environment usually {@code System.getenv()}
     * @param overrides explicit settings, e.g. from the command line
     */
    public static PlatformConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(readDefaults());
        if (file != null) {
            values.putAll(readFile(file));
        }
        for (String key : values.keySet()) {
            String fromEnv = environment.get(environmentVariable(key));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(key, fromEnv);
            }
        }
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            if (!values.containsKey(override.getKey())) {
                throw new IllegalArgumentException("Unknown setting '" + override.getKey()
                        + "'; known settings: " + String.join(", ", values.keySet()));
            }
            values.put(override.getKey(), override.getValue());
        }
        return new PlatformConfig(values);
    }

    /** {@code s3.access-key} -> {@code EDGELOOP_S3_ACCESS_KEY}. */
    public static String environmentVariable(String key) {
        return "EDGELOOP_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public PlatformConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new PlatformConfig(copy);
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Unknown setting '" + key + "'");
        }
        return value;
    }

    public int port(String key) {
        String value = get(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a port number, got '" + value + "'");
        }
    }

    /** The first edge: {@code edge.id}, or the first of {@code edges} when several are set. */
    public String edgeId() {
        return edgeIds().get(0);
    }

    /** Every edge this machine plays, the first one being {@link #edgeId()} unless {@code edges} says otherwise. */
    public List<String> edgeIds() {
        String edges = get("edges").trim();
        List<String> ids = Arrays.stream((edges.isEmpty() ? get("edge.id") : edges).split(",")).map(String::trim)
                .filter(id -> !id.isEmpty()).distinct().toList();
        for (String id : ids) {
            if (!EdgeIds.isValid(id)) {
                throw new IllegalArgumentException("Edge id '" + id + "' must be " + EdgeIds.RULE
                        + " (it names S3 buckets and Kafka topics)");
            }
        }
        return ids;
    }

    /** The port of an edge service for the k-th edge: the configured one plus k times {@code edges.port-step}. */
    public int edgePort(String key, String edgeId) {
        int index = edgeIds().indexOf(edgeId);
        if (index < 0) {
            throw new IllegalArgumentException("Unknown edge '" + edgeId + "'; edges: " + edgeIds());
        }
        return port(key) + index * port("edges.port-step");
    }

    public Path dataDir() {
        return Path.of(get("data.dir")).toAbsolutePath().normalize();
    }

    /** {@code storage}: {@code disk} (S3 objects kept in {@link #dataDir()}) or {@code ephemeral} (in memory). */
    public boolean persistentStorage() {
        String storage = get("storage").trim();
        return switch (storage) {
            case "disk" -> true;
            case "ephemeral" -> false;
            default -> throw new IllegalArgumentException("Setting 'storage' must be disk or ephemeral, got '" + storage + "'");
        };
    }

    public Path home() {
        return Path.of(get("home")).toAbsolutePath().normalize();
    }

    public S3Credentials s3Credentials() {
        return new S3Credentials(get("s3.access-key"), get("s3.secret-key"));
    }

    public Map<String, String> asMap() {
        return values;
    }

    private static Map<String, String> readDefaults() {
        try (InputStream in = PlatformConfig.class.getResourceAsStream("/edgeloop-defaults.properties")) {
            Properties props = new Properties();
            props.load(in);
            Map<String, String> defaults = new LinkedHashMap<>();
            props.stringPropertyNames().stream().sorted().forEach(k -> defaults.put(k, props.getProperty(k)));
            defaults.put("home", System.getProperty("edgeloop.home", "."));
            return defaults;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the platform defaults", e);
        }
    }

    private static Map<String, String> readFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Properties props = new Properties();
            props.load(reader);
            Map<String, String> fromFile = new LinkedHashMap<>();
            props.stringPropertyNames().forEach(k -> fromFile.put(k, props.getProperty(k)));
            return fromFile;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }
}
