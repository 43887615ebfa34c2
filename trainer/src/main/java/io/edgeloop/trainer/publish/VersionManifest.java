package io.edgeloop.trainer.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code manifest.json} of a model version: every file with its size and sha256, the labels, the
 * metrics, where the data came from and how it was trained. Written last; its presence makes the
 * version complete.
 */
public final class VersionManifest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VersionManifest() {
    }

    /** What the manifest says besides the file list. */
    public record Details(String model, int version, String edgeId, List<String> labels, Map<String, Object> metrics,
            List<String> batchIds, long seed, String extractor, String trainerVersion) {
    }

    public static String write(Details details, Path directory, List<Path> files) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", directory.relativize(file).toString().replace('\\', '/'));
            entry.put("size", Files.size(file));
            entry.put("sha256", FileDigest.sha256(file));
            entries.add(entry);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("model", details.model());
        manifest.put("version", details.version());
        manifest.put("edgeId", details.edgeId());
        manifest.put("created", Instant.now().toString());
        manifest.put("labels", details.labels());
        manifest.put("metrics", details.metrics());
        manifest.put("batches", details.batchIds());
        manifest.put("seed", details.seed());
        manifest.put("extractor", details.extractor());
        manifest.put("trainer", details.trainerVersion());
        manifest.put("files", entries);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest);
    }

    /** The held-out accuracy a manifest records, to compare a new model with the published one. */
    public static OptionalDouble accuracy(String manifest) throws IOException {
        JsonNode accuracy = JSON.readTree(manifest).path("metrics").path("accuracy");
        return accuracy.isNumber() ? OptionalDouble.of(accuracy.asDouble()) : OptionalDouble.empty();
    }
}
