package io.edgeloop.manager;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The manager's events on the MQTT {@code monitor} topic, for the live monitor page. */
public final class ManagerEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManagerEvents() {
    }

    /** A version now served at the edge, as the original demo announced it. */
    public static String pushed(ModelVersion version) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", "pushmodel");
        event.put("model", version.model());
        event.put("version", version.version());
        return json(event);
    }

    /** A version that was not delivered, and why. */
    public static String refused(String manifestKey, String reason) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", "pushmodel-refused");
        event.put("key", manifestKey);
        event.put("error", reason);
        return json(event);
    }

    /** Why a version was refused: the innermost cause, as Camel wraps it in split and bean failures. */
    public static String reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static String json(Map<String, Object> event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
