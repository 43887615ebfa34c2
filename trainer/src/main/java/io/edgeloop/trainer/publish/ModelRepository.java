package io.edgeloop.trainer.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A model repository in an S3 bucket, laid out as TensorFlow Serving reads one:
 * {@code models/<model>/<version>/saved_model.pb, variables/...}, plus our {@code metrics.json},
 * {@code report.svg} and {@code manifest.json}. A version is complete once its manifest exists.
 */
public final class ModelRepository {

    public static final String MANIFEST = "manifest.json";

    private final S3Client s3;
    private final String bucket;
    private final String model;

    public ModelRepository(S3Client s3, String bucket, String model) {
        this.s3 = s3;
        this.bucket = bucket;
        this.model = model;
    }

    /**
     * The highest version number present, complete or not: a version that a crashed run left half
     * written is never written over.
     */
    public OptionalInt highestVersion() {
        Pattern version = Pattern.compile(Pattern.quote(prefix()) + "(\\d+)/.*");
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix())).contents().stream()
                .map(S3Object::key)
                .map(version::matcher)
                .filter(Matcher::matches)
                .mapToInt(m -> Integer.parseInt(m.group(1)))
                .max();
    }

    /** The manifest of the highest complete version, if any. */
    public Optional<String> latestManifest() {
        OptionalInt highest = highestVersion();
        for (int version = highest.orElse(0); version > 0; version--) {
            Optional<String> manifest = manifest(version);
            if (manifest.isPresent()) {
                return manifest;
            }
        }
        return Optional.empty();
    }

    public Optional<String> manifest(int version) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(version, MANIFEST))).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /**
     * Uploads a version: the model files in the given order, then the manifest LAST, so a reader that
     * waits for the manifest never sees half a model.
     */
    public void publish(int version, Path directory, List<Path> files, String manifest) throws IOException {
        for (Path file : files) {
            String relative = directory.relativize(file).toString().replace('\\', '/');
            s3.putObject(b -> b.bucket(bucket).key(key(version, relative)), RequestBody.fromFile(file));
        }
        s3.putObject(b -> b.bucket(bucket).key(key(version, MANIFEST)).contentType("application/json"),
                RequestBody.fromString(manifest));
    }

    public String bucket() {
        return bucket;
    }

    private String prefix() {
        return "models/" + model + "/";
    }

    private String key(int version, String file) {
        return prefix() + version + "/" + file;
    }

    /** Model files ordered for upload: variables and assets first, saved_model.pb after them. */
    public static List<Path> modelFiles(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .sorted((a, b) -> {
                        boolean aGraph = a.getFileName().toString().equals("saved_model.pb");
                        boolean bGraph = b.getFileName().toString().equals("saved_model.pb");
                        return aGraph == bGraph ? a.compareTo(b) : (aGraph ? 1 : -1);
                    })
                    .toList();
        }
    }
}
