package io.edgeloop.modelserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgeloop.modelserver.inference.ApiError;
import java.util.Map;

/**
 * One HTTP answer: a status and a JSON document (or plain text), plus the canonical code the request metrics count
 * it under.
 */
record RestResponse(int status, String code, JsonNode json, String text, Map<String, String> headers) {

    static RestResponse ok(JsonNode json) {
        return new RestResponse(200, "OK", json, null, Map.of());
    }

    /** A JSON answer with another status, e.g. 503 for "not ready". */
    static RestResponse json(int status, String code, JsonNode json) {
        return new RestResponse(status, code, json, null, Map.of());
    }

    /** No body and no Content-Type, as TF Serving answers a CORS preflight. */
    static RestResponse empty(int status, String code) {
        return new RestResponse(status, code, null, null, Map.of());
    }

    static RestResponse text(String text) {
        return new RestResponse(200, "OK", null, text, Map.of());
    }

    /** {@code {"error": "..."}}, the one error shape of TF Serving's REST API. */
    static RestResponse error(ApiError error) {
        return new RestResponse(error.httpStatus(), error.code(),
                JsonNodeFactory.instance.objectNode().put("error", error.getMessage()), null,
                error.allow() == null ? Map.of() : Map.of("Allow", error.allow()));
    }
}
