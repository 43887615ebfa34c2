package io.edgeloop.feeder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outcome of one upload (a batch): the reply to the edge, the manifest written to
 * {@code batches/<batchId>.json}, and the {@code trigger} event.
 */
public final class BatchReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String edgeId;
    private final String batchId;
    private final List<ZipEntryOutcome> outcomes;

    private BatchReport(String edgeId, String batchId, List<ZipEntryOutcome> outcomes) {
        this.edgeId = edgeId;
        this.batchId = batchId;
        this.outcomes = List.copyOf(outcomes);
    }

    /** Entry point for the route, after the split gathered every entry's outcome. */
    public static BatchReport of(String edgeId, String batchId, List<ZipEntryOutcome> outcomes) {
        return new BatchReport(edgeId, batchId, outcomes);
    }

    public int getStored() {
        return count(ZipEntryOutcome.Status.STORED);
    }

    public int getDuplicates() {
        return count(ZipEntryOutcome.Status.DUPLICATE);
    }

    /** Stored and duplicate images: a batch of none is refused. */
    public int getImages() {
        return getStored() + getDuplicates();
    }

    public String getResponse() {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("batchId", batchId);
        response.put("edgeId", edgeId);
        response.put("stored", getStored());
        response.put("duplicates", getDuplicates());
        response.put("skipped", skipped());
        response.put("bytes", bytes(ZipEntryOutcome.Status.STORED));
        return json(response);
    }

    public String getManifest() {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("batchId", batchId);
        manifest.put("edgeId", edgeId);
        manifest.put("created", Instant.now().toString());
        manifest.put("stored", getStored());
        manifest.put("duplicates", getDuplicates());
        manifest.put("classes", classCounts());
        List<Map<String, Object>> images = new ArrayList<>();
        for (ZipEntryOutcome outcome : outcomes) {
            if (outcome.getStatus() != ZipEntryOutcome.Status.SKIPPED) {
                Map<String, Object> image = new LinkedHashMap<>();
                image.put("key", outcome.getKey());
                image.put("class", outcome.getClassName());
                image.put("size", outcome.getSize());
                image.put("sha256", outcome.getSha256());
                image.put("status", outcome.getStatus() == ZipEntryOutcome.Status.STORED ? "stored" : "duplicate");
                images.add(image);
            }
        }
        manifest.put("images", images);
        manifest.put("skipped", skipped());
        return json(manifest);
    }

    /** The {@code trigger} event: which edge has new data, from which batch. */
    public String getTriggerEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("edgeId", edgeId);
        event.put("batchId", batchId);
        event.put("images", getStored());
        event.put("classes", new ArrayList<>(new TreeSet<>(classCounts().keySet())));
        return json(event);
    }

    /** The monitor's {@code pipeline} event, as the original feeder sent it when training was triggered. */
    public String getPipelineEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", "pipeline");
        event.put("edgeId", edgeId);
        event.put("batchId", batchId);
        event.put("files", getStored());
        return json(event);
    }

    private Map<String, Integer> classCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ZipEntryOutcome outcome : outcomes) {
            if (outcome.getStatus() == ZipEntryOutcome.Status.STORED) {
                counts.merge(outcome.getClassName(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private List<Map<String, String>> skipped() {
        List<Map<String, String>> skipped = new ArrayList<>();
        for (ZipEntryOutcome outcome : outcomes) {
            if (outcome.getStatus() == ZipEntryOutcome.Status.SKIPPED) {
                skipped.add(Map.of("entry", outcome.getEntry(), "reason", outcome.getReason()));
            }
        }
        return skipped;
    }

    private int count(ZipEntryOutcome.Status status) {
        return (int) outcomes.stream().filter(o -> o.getStatus() == status).count();
    }

    private long bytes(ZipEntryOutcome.Status status) {
        return outcomes.stream().filter(o -> o.getStatus() == status).mapToLong(ZipEntryOutcome::getSize).sum();
    }

    /** JSON text of a map or list built by the feeder's beans. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
