package io.edgeloop.modelserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.VersionSpec;
import io.edgeloop.modelserver.versions.VersionStatus;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/models/{m}[/versions/{v}|/labels/{l}]}: the state of each version, TF Serving's GetModelStatus, so
 * a deployment can wait for a version to become AVAILABLE and see why one failed.
 */
public final class ModelStatusHandler {

    private final ModelVersions versions;

    public ModelStatusHandler(ModelVersions versions) {
        this.versions = versions;
    }

    /** TF Serving's GetModelStatus: a version asks for that one, anything else (a label too) for every version. */
    RestResponse answer(String model, VersionSpec spec) {
        boolean known = versions.name().equals(model);
        List<VersionStatus> statuses;
        if (spec instanceof VersionSpec.Specific specific) {
            Optional<VersionStatus> status = known ? versions.status(specific.version()) : Optional.empty();
            statuses = List.of(status.orElseThrow(() -> ApiError.notFound("Could not find version "
                    + specific.version() + " of model " + model)));
        } else {
            statuses = known ? versions.statuses() : List.of();
            if (statuses.isEmpty()) {
                throw ApiError.notFound("Could not find any versions of model " + model);
            }
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode list = answer.putArray("model_version_status");
        for (VersionStatus status : statuses) {
            ObjectNode entry = list.addObject();
            entry.put("version", Long.toString(status.version()));
            entry.put("state", status.state().name());
            entry.putObject("status").put("error_code", status.errorCode()).put("error_message",
                    status.errorMessage());
        }
        return RestResponse.ok(answer);
    }
}
