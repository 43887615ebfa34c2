package io.edgeloop.shopper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer of {@code GET /admin/status}: this edge, the model version it serves, what its buckets hold. */
public final class AdminStatus {

    private final String edgeId;
    private final Map<String, Long> buckets = new LinkedHashMap<>();

    private AdminStatus(String edgeId, List<String> buckets) {
        this.edgeId = edgeId;
        buckets.forEach(bucket -> this.buckets.put(bucket, null));
    }

    /** Entry point for the route: the edge and its bucket names, comma separated, all uncounted (null) so far. */
    public static AdminStatus of(String edgeId, String buckets) {
        return new AdminStatus(edgeId, List.of(buckets.split(",")));
    }

    public List<String> getBuckets() {
        return new ArrayList<>(buckets.keySet());
    }

    /** Entry point for the route: the objects of a bucket, once its listing is done. */
    public static void count(AdminStatus status, BucketListing listing) {
        synchronized (status) {
            status.buckets.put(listing.getBucket(), listing.getObjects());
        }
    }

    /** Entry point for the route: the answer; {@code modelVersion} null when no model server serves a version. */
    public static String json(AdminStatus status, Long modelVersion) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("edgeId", status.edgeId);
        answer.put("modelVersion", modelVersion);
        synchronized (status) {
            answer.put("buckets", new LinkedHashMap<>(status.buckets));
        }
        return JsonWriter.write(answer);
    }
}
