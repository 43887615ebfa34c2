package io.edgeloop.modelserver.json;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON values as TF Serving's error messages quote them, cut short so an image is not echoed back whole. */
public final class JsonText {

    private static final int MAX_QUOTED = 200;

    private JsonText() {
    }

    /** The value as compact JSON, at most about 200 characters. */
    public static String quote(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...(" + text.length() + " chars)";
    }

    /** rapidjson's type names, as in {@code Type: String is not of expected type: float}. */
    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case NULL, MISSING -> "Null";
            case BOOLEAN -> value.booleanValue() ? "True" : "False";
            case OBJECT, POJO -> "Object";
            case ARRAY -> "Array";
            case STRING, BINARY -> "String";
            case NUMBER -> "Number";
        };
    }
}
