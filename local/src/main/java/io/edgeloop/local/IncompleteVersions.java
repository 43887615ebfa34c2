package io.edgeloop.local;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Removes, when the platform starts and no trainer runs yet, the model versions a training killed while publishing
 * left in {@code <edge>-models} and {@code <edge>-ready}: files without the {@code manifest.json} the trainer writes
 * last. No reader takes such a version, but it would stay there for good, and the next run would number its
 * version after it.
 */
final class IncompleteVersions {

    private static final Logger LOG = LoggerFactory.getLogger(IncompleteVersions.class);
    private static final String MANIFEST = "manifest.json";

    private final S3Client s3;

    /** @param s3 a client of the central S3 server */
    IncompleteVersions(S3Client s3) {
        this.s3 = s3;
    }

    void remove(String edgeId, String model) {
        for (String bucket : List.of(edgeId + "-models", edgeId + "-ready")) {
            removeFrom(bucket, "models/" + model + "/");
        }
    }

    private void removeFrom(String bucket, String prefix) {
        Pattern versionFile = Pattern.compile(Pattern.quote(prefix) + "(\\d+)/(.+)");
        Map<String, List<String>> keysByVersion = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                .contents().stream().map(S3Object::key).map(versionFile::matcher).filter(Matcher::matches)
                .collect(Collectors.groupingBy(m -> m.group(1), Collectors.mapping(Matcher::group, Collectors.toList())));
        Set<String> complete = keysByVersion.entrySet().stream()
                .filter(version -> version.getValue().contains(prefix + version.getKey() + "/" + MANIFEST))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        keysByVersion.forEach((version, keys) -> {
            if (!complete.contains(version)) {
                keys.forEach(key -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
                LOG.info("Removed version {} from {}: a training stopped while publishing it ({} files, no {})",
                        version, bucket, keys.size(), MANIFEST);
            }
        });
    }
}
