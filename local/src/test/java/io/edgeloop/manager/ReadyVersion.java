package io.edgeloop.manager;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.testing.S3TestClient;

/**
 * A model version as the trainer publishes it to {@code <edge>-ready}: its files under
 * {@code models/<model>/<N>/}, then {@code manifest.json} listing each with size and sha256.
 */
final class ReadyVersion {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String model;
    private final int version;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> wrongChecksums = new LinkedHashMap<>();

    ReadyVersion(String model, int version) {
        this.model = model;
        this.version = version;
    }

    ReadyVersion file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** Lists the file with a checksum that does not match its content. */
    ReadyVersion corruptChecksumOf(String path) {
        wrongChecksums.put(path, "0".repeat(64));
        return this;
    }

    String prefix() {
        return "models/" + model + "/" + version + "/";
    }

    String manifestKey() {
        return prefix() + "manifest.json";
    }

    Map<String, byte[]> files() {
        return files;
    }

    void putFiles(S3TestClient s3, String bucket) {
        files.forEach((path, content) -> s3.put(bucket, prefix() + path, content));
    }

    void putManifest(S3TestClient s3, String bucket) throws Exception {
        s3.put(bucket, manifestKey(), manifest().getBytes());
    }

    String manifest() throws Exception {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (var file : files.entrySet()) {
            entries.add(Map.of("path", file.getKey(), "size", file.getValue().length,
                    "sha256", wrongChecksums.getOrDefault(file.getKey(), sha256(file.getValue()))));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("model", model);
        manifest.put("version", version);
        manifest.put("labels", List.of("tea-green", "other"));
        manifest.put("files", entries);
        return JSON.writeValueAsString(manifest);
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
