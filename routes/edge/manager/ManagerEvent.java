package io.edgeloop.manager;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An event of the manager on the MQTT {@code monitor} topic, for the live monitor page (marshalled by Jackson). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagerEvent(String name, String model, Integer version, String key, String error) {

    /** A version now served at the edge, as the original demo announced it. */
    public static ManagerEvent pushed(Manifest manifest) {
        return new ManagerEvent("pushmodel", manifest.model(), manifest.version(), null, null);
    }

    /** A version that was not delivered, and why. */
    public static ManagerEvent refused(String manifestKey, String error) {
        return new ManagerEvent("pushmodel-refused", null, null, manifestKey, error);
    }
}
