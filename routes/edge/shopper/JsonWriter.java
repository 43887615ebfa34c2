package io.edgeloop.shopper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes the shopper's answers and events as JSON. */
final class JsonWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonWriter() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
