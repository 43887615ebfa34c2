package io.edgeloop.feeder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Batch ids and the per-image progress event for the edge's monitor. */
public final class FeederEvents {

    private static final DateTimeFormatter BATCH_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private FeederEvents() {
    }

    /** A sortable, unique batch id, e.g. {@code 20261129T205300Z-3f9a1c2b}. */
    public static String newBatchId() {
        return BATCH_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The monitor's {@code zipfile} event for one stored image, as the original feeder sent it. */
    public static String zipfile(String edgeId, String batchId, String key) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", "zipfile");
        event.put("edgeId", edgeId);
        event.put("batchId", batchId);
        event.put("key", key);
        return BatchReport.json(event);
    }
}
