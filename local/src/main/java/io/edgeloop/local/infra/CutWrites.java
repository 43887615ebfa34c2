package io.edgeloop.local.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What writes cut by a crash leave in the S3 store on disk, removed before it serves again: the staged PUTs in
 * {@code incoming/}, and the temporary files the store's own copies and multipart completions write beside the
 * object. A complete object always carries its ETag attribute, written before it got its name; a file without
 * one is such a temporary file, which a listing would otherwise fail on.
 */
final class CutWrites {

    private static final Logger LOG = LoggerFactory.getLogger(CutWrites.class);

    private CutWrites() {
    }

    static void remove(Path buckets, Path incoming) throws IOException {
        List<Path> cut;
        try (Stream<Path> staged = Files.list(incoming); Stream<Path> objects = Files.walk(buckets)) {
            cut = Stream.concat(staged, objects.filter(Files::isRegularFile).filter(CutWrites::withoutETag)).toList();
        }
        for (Path file : cut) {
            Files.deleteIfExists(file);
        }
        if (!cut.isEmpty()) {
            LOG.info("Removed {} object writes a stop cut short: {}", cut.size(), cut);
        }
    }

    private static boolean withoutETag(Path file) {
        try {
            return !Files.getFileAttributeView(file, UserDefinedFileAttributeView.class).list()
                    .contains(DiskBlobStore.XATTR_CONTENT_MD5);
        } catch (IOException e) {
            return false;
        }
    }
}
