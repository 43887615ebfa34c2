package io.edgeloop.manager;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A model version announced by its {@code models/<model>/<N>/manifest.json} in the ready bucket. The
 * manifest is checked before anything is copied: it must name the same model and version as its key,
 * and list only plain relative paths, so a bad manifest can never write outside the version directory.
 */
public record ModelVersion(String model, int version, String manifest, List<ModelFile> files) {

    public static final String MANIFEST = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MANIFEST_KEY = Pattern.compile("models/([a-zA-Z0-9_.-]+)/([0-9]{1,9})/manifest\\.json");
    private static final Pattern FILE_PATH = Pattern.compile("[a-zA-Z0-9_.-]+(/[a-zA-Z0-9_.-]+)*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Entry point for the route: the manifest's key and content. */
    public static ModelVersion of(String manifestKey, String manifest) {
        Matcher key = MANIFEST_KEY.matcher(manifestKey);
        if (!key.matches()) {
            throw new VersionRefusedException("not a manifest key models/<model>/<version>/manifest.json: " + manifestKey);
        }
        String model = key.group(1);
        int version = Integer.parseInt(key.group(2));
        JsonNode root = parse(manifestKey, manifest);
        if (!model.equals(root.path("model").asText()) || version != root.path("version").asInt(-1)) {
            throw new VersionRefusedException(manifestKey + " describes " + root.path("model").asText() + " version "
                    + root.path("version").asText() + ", not " + model + " version " + version);
        }
        List<ModelFile> files = new ArrayList<>();
        for (JsonNode file : root.path("files")) {
            files.add(file(manifestKey, file));
        }
        if (files.isEmpty()) {
            throw new VersionRefusedException(manifestKey + " lists no files");
        }
        return new ModelVersion(model, version, manifest, List.copyOf(files));
    }

    private static JsonNode parse(String manifestKey, String manifest) {
        try {
            JsonNode root = JSON.readTree(manifest);
            if (root == null || !root.isObject()) {
                throw new VersionRefusedException(manifestKey + " is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new VersionRefusedException(manifestKey + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static ModelFile file(String manifestKey, JsonNode file) {
        String path = file.path("path").asText();
        String sha256 = file.path("sha256").asText();
        long size = file.path("size").asLong(-1);
        boolean safePath = FILE_PATH.matcher(path).matches() && !path.equals(MANIFEST)
                && List.of(path.split("/")).stream().noneMatch(part -> part.equals(".") || part.equals(".."));
        if (!safePath || size < 0 || !SHA256.matcher(sha256).matches()) {
            throw new VersionRefusedException(manifestKey + " has an invalid file entry: " + file);
        }
        return new ModelFile(path, size, sha256);
    }

    /** The key prefix of this version in the ready and production buckets, {@code models/<model>/<N>/}. */
    public String prefix() {
        return "models/" + model + "/" + version + "/";
    }

    public String manifestKey() {
        return prefix() + MANIFEST;
    }

    @Override
    public String toString() {
        return model + " version " + version;
    }
}
