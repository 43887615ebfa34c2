package io.edgeloop.modelserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.versions.ModelVersions;
import java.util.NavigableSet;

/**
 * {@code GET /healthz}: 200 once a version is AVAILABLE, 503 before, for load balancers and Kubernetes probes (TF
 * Serving has no such path; its probes ask {@code /v1/models/<m>}).
 */
public final class HealthHandler {

    private final ModelVersions versions;

    public HealthHandler(ModelVersions versions) {
        this.versions = versions;
    }

    RestResponse answer() {
        NavigableSet<Long> available = versions.availableVersions();
        if (available.isEmpty()) {
            throw ApiError.unavailable("No version of model " + versions.name() + " is AVAILABLE");
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("model_name", versions.name());
        ArrayNode list = answer.putArray("available_versions");
        available.descendingSet().forEach(version -> list.add(Long.toString(version)));
        return RestResponse.ok(answer);
    }
}
