package io.edgeloop.feeder;

/**
 * What became of one ZIP entry, as the route records it and the batch manifest lists it: {@code status} is
 * {@code image} (to store; only then {@code content} is set), {@code stored}, {@code duplicate} or {@code skipped}
 * (with the {@code reason}).
 */
public record ZipEntryOutcome(String entry, String className, String contentType, long size, String sha256,
        String status, String reason, byte[] content) {

    /** The same entry with another status and without its content, so a batch never holds its images. */
    public ZipEntryOutcome as(String newStatus) {
        return new ZipEntryOutcome(entry, className, contentType, size, sha256, newStatus, reason, null);
    }
}
