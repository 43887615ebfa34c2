package io.edgeloop.shopper;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Walks a bucket of any size, one page of up to 1000 objects at a time. The S3 kamelet's {@code listObjects}
 * answers the objects of one page without saying whether more follow, so each page is asked for after the last key
 * seen (S3 lists in key order) and the first empty page ends the walk.
 */
public final class BucketListing {

    private static final int PAGE_SIZE = 1000;

    private final String bucket;
    private String lastKey;
    private long objects;
    private boolean done;

    private BucketListing(String bucket) {
        this.bucket = bucket;
    }

    /** Entry point for the route: a walk from the bucket's first key. */
    public static BucketListing of(String bucket) {
        return new BucketListing(bucket);
    }

    /** The request of the next page, for the S3 kamelet with {@code pojoRequest=true}. */
    public ListObjectsRequest nextRequest() {
        return ListObjectsRequest.builder().bucket(bucket).marker(lastKey).maxKeys(PAGE_SIZE).build();
    }

    /**
     * Entry point for the route: takes in the page the kamelet answered and gives its keys, without folder markers
     * ({@code images/tea-green/}), which hold no data. An empty page ends the walk. Static, as Simple would pass the
     * page to a method of the variable as text.
     */
    public static List<String> keysOf(BucketListing listing, List<S3Object> page) {
        List<String> keys = new ArrayList<>();
        for (S3Object object : page) {
            listing.lastKey = object.key();
            if (!listing.lastKey.endsWith("/")) {
                keys.add(listing.lastKey);
            }
        }
        listing.objects += keys.size();
        listing.done = page.isEmpty();
        return keys;
    }

    /** The last page was empty: every object has been listed. */
    public boolean isDone() {
        return done;
    }

    public String getBucket() {
        return bucket;
    }

    /** The objects listed so far, folder markers aside. */
    public long getObjects() {
        return objects;
    }
}
