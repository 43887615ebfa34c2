package io.edgeloop.modelserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.ModelSignature;
import io.edgeloop.modelserver.inference.TensorSpec;
import io.edgeloop.modelserver.json.JsonText;
import io.edgeloop.modelserver.json.OutputValues;
import io.edgeloop.modelserver.json.RequestTensor;
import io.edgeloop.modelserver.json.RestRequestParser;
import io.edgeloop.modelserver.json.SignatureRunner;
import io.edgeloop.modelserver.json.TensorValues;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.ServedVersion;
import io.edgeloop.modelserver.versions.VersionSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Signature;
import org.tensorflow.proto.DataType;

/**
 * The Open Inference Protocol v2 (KServe) REST API on the same versions, for clients and platforms that speak it:
 * health, server and model metadata, model readiness and inference. A BYTES element is a JSON string, taken as its
 * UTF-8 bytes, or as base64 when the input's parameters say {@code "content_type": "base64"} (binary such as JPEG);
 * a BYTES output that is not valid UTF-8 is answered in base64, marked the same way.
 */
public final class InferenceV2Handler {

    static final String PLATFORM = "tensorflow_savedmodel";
    static final String BASE64 = "base64";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<DataType, String> DATATYPES = datatypes();

    private final ModelVersions versions;
    private final RestRequestParser parser;
    private final SignatureRunner runner;

    public InferenceV2Handler(ModelVersions versions, RestRequestParser parser, SignatureRunner runner) {
        this.versions = versions;
        this.parser = parser;
        this.runner = runner;
    }

    RestResponse serverMetadata() {
        ObjectNode answer = NODES.objectNode().put("name", "edgeloop-model-server").put("version", "0.1.0");
        answer.putArray("extensions");
        return RestResponse.ok(answer);
    }

    RestResponse live() {
        return RestResponse.ok(NODES.objectNode().put("live", true));
    }

    /** Ready once the model has a version taking requests; 503 before. */
    RestResponse ready() {
        boolean ready = versions.latestAvailable().isPresent();
        return RestResponse.json(ready ? 200 : 503, ready ? "OK" : "UNAVAILABLE",
                NODES.objectNode().put("ready", ready));
    }

    /** 200 when the version (the latest if none given) takes requests, 503 when not, 404 for another model. */
    RestResponse modelReady(String model, String version) {
        requireModel(model);
        VersionSpec spec = spec(version);
        boolean ready = spec instanceof VersionSpec.Specific specific
                ? versions.availableVersions().contains(specific.version())
                : versions.latestAvailable().isPresent();
        return RestResponse.json(ready ? 200 : 503, ready ? "OK" : "UNAVAILABLE",
                NODES.objectNode().put("name", model).put("ready", ready));
    }

    RestResponse modelMetadata(String model, String version) {
        try (ServedVersion.Lease lease = lease(model, version)) {
            ModelSignature signature = defaultSignature(lease.version());
            ObjectNode answer = NODES.objectNode().put("name", model);
            ArrayNode available = answer.putArray("versions");
            versions.availableVersions().forEach(number -> available.add(Long.toString(number)));
            answer.put("platform", PLATFORM);
            describe(answer.putArray("inputs"), signature.inputs());
            describe(answer.putArray("outputs"), signature.outputs());
            return RestResponse.ok(answer);
        }
    }

    /** {@code POST .../infer}: runs {@code serving_default}, or the signature named by parameter signature_name. */
    RestResponse infer(String model, String version, byte[] body) {
        ObjectNode request = parser.document(body);
        JsonNode inputs = request.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw ApiError.invalidArgument("An inference request needs a non-empty 'inputs' list");
        }
        try (ServedVersion.Lease lease = lease(model, version)) {
            ModelSignature signature = signature(lease.version(), request.path("parameters").path("signature_name"));
            List<RequestTensor> tensors = new ArrayList<>();
            Set<String> given = new LinkedHashSet<>();
            for (JsonNode input : inputs) {
                RequestTensor tensor = tensor(input, signature);
                if (!given.add(tensor.spec().alias())) {
                    throw ApiError.invalidArgument("Input '" + tensor.spec().alias() + "' is given twice");
                }
                tensors.add(tensor);
            }
            for (String alias : signature.inputs().keySet()) {
                if (!given.contains(alias)) {
                    throw ApiError.invalidArgument("Missing input '" + alias + "': the model takes "
                            + signature.inputs().keySet());
                }
            }
            Set<String> wanted = requestedOutputs(request.get("outputs"), signature);
            ObjectNode answer = NODES.objectNode().put("model_name", model)
                    .put("model_version", Long.toString(lease.version().version()));
            if (request.hasNonNull("id")) {
                answer.set("id", request.get("id"));
            }
            ArrayNode outputs = answer.putArray("outputs");
            for (OutputValues output : runner.run(lease.version(), signature, tensors)) {
                if (wanted.contains(output.alias())) {
                    outputs.add(output(output));
                }
            }
            return RestResponse.ok(answer);
        }
    }

    private RequestTensor tensor(JsonNode input, ModelSignature signature) {
        String name = input.path("name").asText("");
        TensorSpec spec = signature.inputs().get(name);
        if (spec == null) {
            throw ApiError.invalidArgument("Unexpected input '" + name + "': the model takes "
                    + signature.inputs().keySet());
        }
        String datatype = input.path("datatype").asText("");
        if (!datatype.equals(datatype(spec.dtype()))) {
            throw ApiError.invalidArgument("Input '" + name + "' has datatype " + datatype + " but the model expects "
                    + datatype(spec.dtype()));
        }
        long[] dims = dims(name, input.get("shape"));
        List<JsonNode> data = new ArrayList<>();
        flatten(input.get("data"), data);
        long expected = 1;
        for (long dim : dims) {
            expected *= dim;
        }
        if (data.size() != expected) {
            throw ApiError.invalidArgument("Input '" + name + "' has " + data.size() + " values but its shape "
                    + TensorSpec.dimsText(dims) + " holds " + expected);
        }
        if (!spec.accepts(dims)) {
            // The protocol's client states the shape: checked against the signature's here, not left to the model.
            throw ApiError.invalidArgument("Tensor name: " + name + " has shape " + TensorSpec.dimsText(dims)
                    + " but the signature expects " + spec.shapeText());
        }
        boolean base64 = BASE64.equals(input.path("parameters").path("content_type").asText(""));
        TensorValues values = new TensorValues(spec.dtype());
        for (int i = 0; i < data.size(); i++) {
            JsonNode element = data.get(i);
            if (spec.dtype() != DataType.DT_STRING) {
                values.add(element);
            } else if (!element.isTextual()) {
                throw ApiError.invalidArgument("Input '" + name + "' element " + i + " is not a string");
            } else {
                values.addBytes(base64 ? decode(name, i, element.textValue())
                        : element.textValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new RequestTensor(spec, dims, values);
    }

    private static long[] dims(String name, JsonNode shape) {
        if (shape == null || !shape.isArray()) {
            throw ApiError.invalidArgument("Input '" + name + "' needs a 'shape' list");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode dim = shape.get(i);
            if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.longValue() < 0) {
                throw ApiError.invalidArgument("Input '" + name + "' has a bad shape " + JsonText.quote(shape));
            }
            dims[i] = dim.longValue();
        }
        return dims;
    }

    /** Tensor data may be nested or flat; either way it is row-major. */
    private static void flatten(JsonNode data, List<JsonNode> into) {
        if (data == null) {
            return;
        }
        if (data.isArray()) {
            data.forEach(element -> flatten(element, into));
        } else {
            into.add(data);
        }
    }

    private static byte[] decode(String name, int index, String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidArgument("Input '" + name + "' element " + index + " is not valid base64 ("
                    + e.getMessage() + ")");
        }
    }

    private static Set<String> requestedOutputs(JsonNode outputs, ModelSignature signature) {
        if (outputs == null || !outputs.isArray() || outputs.isEmpty()) {
            return signature.outputs().keySet();
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (JsonNode output : outputs) {
            String name = output.path("name").asText("");
            if (!signature.outputs().containsKey(name)) {
                throw ApiError.invalidArgument("Unexpected output '" + name + "': the model gives "
                        + signature.outputs().keySet());
            }
            wanted.add(name);
        }
        return wanted;
    }

    private static ObjectNode output(OutputValues output) {
        ObjectNode tensor = NODES.objectNode().put("name", output.alias()).put("datatype", datatype(output.dtype()));
        ArrayNode shape = tensor.putArray("shape");
        for (long dim : output.dims()) {
            shape.add(dim);
        }
        boolean base64 = !output.allUtf8();
        ArrayNode data = tensor.putArray("data");
        for (int i = 0; i < output.size(); i++) {
            data.add(output.plain(i, base64));
        }
        if (base64) {
            tensor.putObject("parameters").put("content_type", BASE64);
        }
        return tensor;
    }

    private static void describe(ArrayNode target, Map<String, TensorSpec> specs) {
        specs.values().forEach(spec -> {
            ObjectNode tensor = target.addObject().put("name", spec.alias()).put("datatype", datatype(spec.dtype()));
            ArrayNode shape = tensor.putArray("shape");
            for (long dim : spec.shape().isUnknown() ? new long[] {-1} : spec.shape().asArray()) {
                shape.add(dim);
            }
        });
    }

    private ServedVersion.Lease lease(String model, String version) {
        requireModel(model);
        VersionSpec spec = spec(version);
        try {
            return versions.acquire(model, spec);
        } catch (ApiError e) {
            throw e.httpStatus() == 404 ? ApiError.notFound(version == null
                    ? "Model with name " + model + " has no available version"
                    : "Model with name " + model + " and version " + version + " is not available") : e;
        }
    }

    private void requireModel(String model) {
        if (!versions.name().equals(model)) {
            throw ApiError.notFound("Model with name " + model + " does not exist.");
        }
    }

    private static VersionSpec spec(String version) {
        if (version == null) {
            return VersionSpec.LATEST;
        }
        try {
            return new VersionSpec.Specific(Long.parseLong(version));
        } catch (NumberFormatException e) {
            throw ApiError.invalidArgument("Model versions are numbers, not '" + version + "'");
        }
    }

    private static ModelSignature defaultSignature(ServedVersion version) {
        return version.signature(Signature.DEFAULT_KEY).orElseGet(() -> version.signatures().values().iterator()
                .next());
    }

    private static ModelSignature signature(ServedVersion version, JsonNode name) {
        if (name.isMissingNode() || name.isNull()) {
            return defaultSignature(version);
        }
        return version.signature(name.asText()).orElseThrow(() -> ApiError.invalidArgument("The model has no "
                + "signature '" + name.asText() + "'; it has " + version.signatures().keySet()));
    }

    /** The protocol's tensor data types for TensorFlow's. */
    static String datatype(DataType dtype) {
        return DATATYPES.getOrDefault(dtype, TensorSpec.typeName(dtype).toUpperCase(Locale.ROOT));
    }

    private static Map<DataType, String> datatypes() {
        Map<DataType, String> types = new LinkedHashMap<>();
        types.put(DataType.DT_BOOL, "BOOL");
        types.put(DataType.DT_UINT8, "UINT8");
        types.put(DataType.DT_UINT16, "UINT16");
        types.put(DataType.DT_UINT32, "UINT32");
        types.put(DataType.DT_UINT64, "UINT64");
        types.put(DataType.DT_INT8, "INT8");
        types.put(DataType.DT_INT16, "INT16");
        types.put(DataType.DT_INT32, "INT32");
        types.put(DataType.DT_INT64, "INT64");
        types.put(DataType.DT_HALF, "FP16");
        types.put(DataType.DT_BFLOAT16, "BF16");
        types.put(DataType.DT_FLOAT, "FP32");
        types.put(DataType.DT_DOUBLE, "FP64");
        types.put(DataType.DT_STRING, "BYTES");
        return Map.copyOf(types);
    }
}
