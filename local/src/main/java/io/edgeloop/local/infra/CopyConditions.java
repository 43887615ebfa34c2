package io.edgeloop.local.infra;

import java.util.Date;

import org.jclouds.blobstore.options.CopyOptions;

/**
 * S3's copy-source conditions ({@code x-amz-copy-source-if-match}, {@code -if-none-match}, {@code -if-modified-since},
 * {@code -if-unmodified-since}) over the source's ETag and time, as jclouds' {@code LocalBlobStore.copyBlob} checks
 * them, for {@link DiskBlobStore}'s own copy.
 */
final class CopyConditions {

    private CopyConditions() {
    }

    /** Whether the copy may go ahead; an unknown ETag or time passes the conditions on it, as in the store. */
    static boolean hold(CopyOptions options, String etag, Date lastModified) {
        if (etag != null) {
            if (options.ifMatch() != null && !quoted(options.ifMatch()).equals(quoted(etag))) {
                return false;
            }
            if (options.ifNoneMatch() != null && quoted(options.ifNoneMatch()).equals(quoted(etag))) {
                return false;
            }
        }
        if (lastModified != null) {
            if (options.ifModifiedSince() != null && lastModified.compareTo(options.ifModifiedSince()) <= 0) {
                return false;
            }
            if (options.ifUnmodifiedSince() != null && lastModified.compareTo(options.ifUnmodifiedSince()) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String etag) {
        return etag.startsWith("\"") || etag.endsWith("\"") ? etag : "\"" + etag + "\"";
    }
}
