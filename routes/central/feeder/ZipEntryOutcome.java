package io.edgeloop.feeder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became of one ZIP entry: an image to store (with its content, until stored), a stored image,
 * a duplicate of an object already in the bucket, or a skipped entry with the reason.
 */
public final class ZipEntryOutcome {

    /** The fate of an entry. */
    public enum Status { IMAGE, STORED, DUPLICATE, SKIPPED }

    private final String entry;
    private final String key;
    private final String className;
    private final byte[] content;
    private final long size;
    private final String sha256;
    private final Status status;
    private final String reason;

    private ZipEntryOutcome(String entry, String key, String className, byte[] content, long size, String sha256,
            Status status, String reason) {
        this.entry = entry;
        this.key = key;
        this.className = className;
        this.content = content;
        this.size = size;
        this.sha256 = sha256;
        this.status = status;
        this.reason = reason;
    }

    static ZipEntryOutcome imageEntry(String entry, String className, byte[] content, String sha256) {
        return new ZipEntryOutcome(entry, entry, className, content, content.length, sha256, Status.IMAGE, null);
    }

    static ZipEntryOutcome skippedEntry(String entry, String reason) {
        return new ZipEntryOutcome(entry, null, null, null, 0, null, Status.SKIPPED, reason);
    }

    /** The image was written to the bucket; its content is released. */
    public ZipEntryOutcome stored() {
        return new ZipEntryOutcome(entry, key, className, null, size, sha256, Status.STORED, null);
    }

    /** The bucket already holds the same content under the same key. */
    public ZipEntryOutcome duplicate() {
        return new ZipEntryOutcome(entry, key, className, null, size, sha256, Status.DUPLICATE, null);
    }

    public boolean isImage() {
        return status == Status.IMAGE;
    }

    /** Object metadata stored with the image, so a re-upload is recognised without reading it back. */
    public Map<String, String> getMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("sha256", sha256);
        return metadata;
    }

    public String getContentType() {
        return entry.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? "image/png" : "image/jpeg";
    }

    public String getEntry() {
        return entry;
    }

    public String getKey() {
        return key;
    }

    public String getClassName() {
        return className;
    }

    public byte[] getContent() {
        return content;
    }

    public long getSize() {
        return size;
    }

    public String getSha256() {
        return sha256;
    }

    public Status getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }
}
