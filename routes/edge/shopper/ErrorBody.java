package io.edgeloop.shopper;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code {"error": "..."}}, the error body of every EdgeLoop API and of TensorFlow Serving. */
public final class ErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {
    }

    public static String of(String message) {
        return JsonWriter.write(Map.of("error", message));
    }

    /** The message to answer for a failure: the innermost cause's, as Camel wraps bean failures. */
    public static String reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** The message of an error body, or the body itself when it is not one. */
    public static String message(String body) {
        try {
            return JSON.readTree(body).path("error").asText(body);
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
