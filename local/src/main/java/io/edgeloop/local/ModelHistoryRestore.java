package io.edgeloop.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Puts the versions an edge already serves back into the central {@code <edge>-models} bucket when the platform
 * starts, those the bucket lacks. The edge model repository outlives a restart, the S3 objects do not when kept
 * in memory ({@code --ephemeral}) or when their directory was wiped: without this the next training would number
 * its model version 1 again, and the manager would refuse it as a different version 1.
 */
final class ModelHistoryRestore {

    private static final Logger LOG = LoggerFactory.getLogger(ModelHistoryRestore.class);
    private static final String MANIFEST = "manifest.json";

    private final S3Client s3;

    /** @param s3 a client of the central S3 server */
    ModelHistoryRestore(S3Client s3) {
        this.s3 = s3;
    }

    /** Uploads {@code <repository>/<model>/<N>/} of every complete version missing in {@code <edge>-models}. */
    void restore(String edgeId, Path repository, String model) throws IOException {
        List<Path> versions = servedVersions(repository.resolve(model));
        if (versions.isEmpty()) {
            return;
        }
        String bucket = edgeId + "-models";
        versions = versions.stream().filter(version -> !hasManifest(bucket, prefix(model, version))).toList();
        for (Path version : versions) {
            String prefix = prefix(model, version);
            try (Stream<Path> files = Files.walk(version)) {
                // The manifest last, as the trainer publishes: it completes the version.
                for (Path file : files.filter(Files::isRegularFile)
                        .sorted(Comparator.comparing(f -> f.getFileName().toString().equals(MANIFEST))).toList()) {
                    String key = prefix + version.relativize(file).toString().replace('\\', '/');
                    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
                }
            }
        }
        if (versions.isEmpty()) {
            return;
        }
        LOG.info("Restored model versions {} of {} into {}-models from {}",
                versions.stream().map(Path::getFileName).toList(), model, edgeId, repository);
    }

    private static String prefix(String model, Path version) {
        return "models/" + model + "/" + version.getFileName() + "/";
    }

    private boolean hasManifest(String bucket, String prefix) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(prefix + MANIFEST));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private static List<Path> servedVersions(Path modelDirectory) throws IOException {
        if (!Files.isDirectory(modelDirectory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(modelDirectory)) {
            return entries.filter(dir -> dir.getFileName().toString().matches("[0-9]+"))
                    .filter(dir -> Files.isRegularFile(dir.resolve(MANIFEST)))
                    .sorted(Comparator.comparingLong(dir -> Long.parseLong(dir.getFileName().toString()))).toList();
        }
    }
}
