package io.edgeloop.modelserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.inference.TensorSpec;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.ServedVersion;
import io.edgeloop.modelserver.versions.VersionSpec;
import java.util.Map;

/**
 * {@code GET /v1/models/{m}[/versions/{v}|/labels/{l}]/metadata}: the served version's signatures, in TF Serving's
 * GetModelMetadata shape, so a client can find out what to send.
 */
public final class MetadataHandler {

    private final ModelVersions versions;

    public MetadataHandler(ModelVersions versions) {
        this.versions = versions;
    }

    RestResponse answer(String model, VersionSpec spec) {
        try (ServedVersion.Lease lease = versions.acquire(model, spec)) {
            ObjectNode answer = JsonNodeFactory.instance.objectNode();
            answer.putObject("model_spec").put("name", model).put("signature_name", "")
                    .put("version", Long.toString(lease.version().version()));
            ObjectNode signatures = answer.putObject("metadata").putObject("signature_def")
                    .putObject("signature_def");
            lease.version().signatures().forEach((key, signature) -> {
                ObjectNode def = signatures.putObject(key);
                tensors(def.putObject("inputs"), signature.inputs());
                tensors(def.putObject("outputs"), signature.outputs());
                def.put("method_name", signature.methodName());
                def.putObject("defaults");
            });
            return RestResponse.ok(answer);
        }
    }

    /** TensorInfo as protobuf's JSON printer writes it (int64 sizes as strings). */
    private static void tensors(ObjectNode target, Map<String, TensorSpec> specs) {
        specs.forEach((alias, spec) -> {
            ObjectNode tensor = target.putObject(alias);
            tensor.put("dtype", spec.dtype().name());
            ObjectNode shape = tensor.putObject("tensor_shape");
            ArrayNode dims = shape.putArray("dim");
            if (!spec.shape().isUnknown()) {
                for (long size : spec.shape().asArray()) {
                    dims.addObject().put("size", Long.toString(size)).put("name", "");
                }
            }
            shape.put("unknown_rank", spec.shape().isUnknown());
            tensor.put("name", spec.tensorName());
        });
    }
}
