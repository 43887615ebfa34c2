package io.edgeloop.shopper;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The central feeder's answer to a shipment of training data: relayed to the admin as it came (the batch summary,
 * or the feeder's error with its status), and announced on the monitor page as the {@code zipsend} event.
 */
public final class FeederAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most of a body that is not the feeder's JSON (a proxy's error page...) quoted in the error. */
    private static final int QUOTED_CHARS = 200;

    private final int status;
    private final String body;
    private final JsonNode json;

    private FeederAnswer(int status, String body, JsonNode json) {
        this.status = status;
        this.body = body;
        this.json = json;
    }

    /** Entry point for the route: the status and body the feeder answered. */
    public static FeederAnswer of(int status, String body) {
        JsonNode json = null;
        try {
            json = JSON.readTree(body);
        } catch (Exception e) {
            // not the feeder's JSON: answered as a bad gateway below
        }
        if (json != null && json.isObject()) {
            return new FeederAnswer(status, body, json);
        }
        String quoted = body == null ? "" : body.length() > QUOTED_CHARS ? body.substring(0, QUOTED_CHARS) + "..." : body;
        return failed(502, "central feeder answered " + status + ": " + quoted);
    }

    /** A shipment that got no answer from the feeder, or could not be sent whole. */
    public static FeederAnswer failed(int status, String error) {
        return new FeederAnswer(status, ErrorBody.of(error), JSON.createObjectNode().put("error", error));
    }

    /** The status to answer the admin with. */
    public int getStatus() {
        return status;
    }

    /** The body to answer the admin with: the feeder's own JSON, or {@code {"error": ...}}. */
    public String getBody() {
        return body;
    }

    /** The monitor's {@code zipsend} event: the batch the feeder made of the shipment, or why there is none. */
    public String event() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", "zipsend");
        if (status / 100 == 2) {
            event.put("batchId", json.path("batchId").asText(null));
            event.put("stored", json.path("stored").asInt());
            event.put("duplicates", json.path("duplicates").asInt());
        } else {
            event.put("error", json.path("error").asText("central feeder answered " + status));
        }
        return JsonWriter.write(event);
    }

    /** One line for the log: the status and the error, or the feeder's JSON. */
    @Override
    public String toString() {
        return status + " " + (json.has("error") ? json.path("error").asText() : json.toString());
    }
}
