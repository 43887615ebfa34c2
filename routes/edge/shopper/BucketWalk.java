package io.edgeloop.shopper;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A walk through a bucket of any size, a page of up to 1000 objects at a time: Camel 4.17's aws2-s3 listObjects
 * answers one page and no continuation token, so each page is asked for after the last key seen (S3 lists in key
 * order) and the first empty page ends the walk.
 */
public final class BucketWalk {

    private final String bucket;
    private String marker;
    private long objects;
    private boolean done;

    private BucketWalk(String bucket) {
        this.bucket = bucket;
    }

    /** A walk from the bucket's first key. */
    public static BucketWalk of(String bucket) {
        return new BucketWalk(bucket);
    }

    /** The request of the next page, for the S3 action kamelet with {@code pojoRequest=true}. */
    public ListObjectsRequest nextRequest() {
        return ListObjectsRequest.builder().bucket(bucket).marker(marker).build();
    }

    /** Takes in a page and gives its keys, without folder markers ({@code images/tea-green/}), which hold no data. */
    public static List<String> keysOf(BucketWalk walk, List<S3Object> page) {
        List<String> keys = page.stream().map(S3Object::key).filter(key -> !key.endsWith("/")).toList();
        walk.marker = page.isEmpty() ? walk.marker : page.get(page.size() - 1).key();
        walk.objects += keys.size();
        walk.done = page.isEmpty();
        return keys;
    }

    /** Takes in a page like keysOf and gives its objects as {@code {key, size, lastModified, millis}} maps, for jq. */
    public static List<Map<String, Object>> objectsOf(BucketWalk walk, List<S3Object> page) {
        keysOf(walk, page);
        return page.stream().filter(object -> !object.key().endsWith("/"))
                .map(object -> Map.<String, Object>of("key", object.key(), "size", object.size(),
                        "lastModified", object.lastModified().toString(), "millis", object.lastModified().toEpochMilli()))
                .toList();
    }

    public boolean isDone() {
        return done;
    }

    /** The objects listed so far, folder markers aside. */
    public long getObjects() {
        return objects;
    }
}
