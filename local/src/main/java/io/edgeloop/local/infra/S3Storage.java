package io.edgeloop.local.infra;

import java.io.IOException;
import java.nio.file.Path;

import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * Where an embedded S3 server keeps its objects: in a directory, so they outlive the process (a crash included),
 * or in memory, gone with the process (tests and demos that want a clean start).
 *
 * @param directory the server's directory, or null for memory
 */
public record S3Storage(Path directory) {

    public static S3Storage inMemory() {
        return new S3Storage(null);
    }

    public static S3Storage onDisk(Path directory) {
        return new S3Storage(directory);
    }

    public boolean persistent() {
        return directory != null;
    }

    /** The blob store S3Proxy serves; closing its context releases it. */
    BlobStore open(S3Credentials credentials) throws IOException {
        if (persistent()) {
            return DiskBlobStore.open(directory, credentials);
        }
        return ContextBuilder.newBuilder("transient")
                .credentials(credentials.accessKey(), credentials.secretKey())
                .build(BlobStoreContext.class).getBlobStore();
    }

    @Override
    public String toString() {
        return persistent() ? "on disk in " + directory : "in memory";
    }
}
