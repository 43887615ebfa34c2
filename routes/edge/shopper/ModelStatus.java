package io.edgeloop.shopper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The version a TF Serving model status names as serving: the highest AVAILABLE one. */
public final class ModelStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelStatus() {
    }

    /** {@code {"model_version_status": [{"version": "3", "state": "AVAILABLE"}, ...]}} -> 3, or null. */
    public static Long servingVersion(String status) {
        Long serving = null;
        try {
            for (JsonNode version : JSON.readTree(status).path("model_version_status")) {
                if (version.path("state").asText().equals("AVAILABLE")) {
                    long number = Long.parseLong(version.path("version").asText());
                    serving = serving == null ? number : Math.max(serving, number);
                }
            }
        } catch (Exception e) {
            return null;
        }
        return serving;
    }
}
