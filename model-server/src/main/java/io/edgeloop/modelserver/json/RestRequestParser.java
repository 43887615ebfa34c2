package io.edgeloop.modelserver.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.ModelSignature;
import io.edgeloop.modelserver.inference.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads TF Serving predict bodies, with the rules and error messages of its json_tensor.cc: the document, its
 * {@code signature_name}, and its input tensors in row format ({@code "instances"}, batched along a new first
 * dimension) or columnar format ({@code "inputs"}, each tensor whole).
 */
public final class RestRequestParser {

    /** How the request was written, which is how the answer is written. */
    public enum Format { ROW, COLUMNAR }

    /** The input tensors of a request, checked against the signature. */
    public record PredictInputs(Format format, List<RequestTensor> tensors) {
    }

    /** One input's values across the instances, with the dims and value count every instance must repeat. */
    private static final class Column {
        final TensorValues values;
        long[] itemDims;
        int itemSize = -1;

        Column(TensorSpec spec) {
            this.values = new TensorValues(spec.dtype());
        }
    }

    /** TensorFlow's TensorShape limit; deeper lists are refused before they are walked. */
    private static final int MAX_RANK = 254;

    private final JsonBodyReader reader = new JsonBodyReader();

    /** The body as a JSON object; TF Serving's parse errors otherwise. */
    public ObjectNode document(byte[] body) {
        return reader.object(body);
    }

    /** The {@code signature_name} asked for, empty for the default. */
    public static String signatureName(ObjectNode document) {
        JsonNode name = document.get("signature_name");
        if (name == null) {
            return "";
        }
        if (!name.isTextual()) {
            throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(document)
                    + " not formatted correctly. 'signature_name' key must be a string value.");
        }
        return name.textValue();
    }

    /** The request's input tensors for the signature. */
    public PredictInputs inputs(ObjectNode document, ModelSignature signature) {
        if (signature.inputs().isEmpty()) {
            throw ApiError.invalidArgument("Failed to get input map for signature: " + signature.key());
        }
        JsonNode instances = document.get("instances");
        JsonNode inputs = document.get("inputs");
        if (instances != null && inputs != null) {
            throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(document)
                    + " Not formatted correctly expecting only one of 'inputs' or 'instances' keys to exist ");
        }
        if (instances != null) {
            if (!instances.isArray()) {
                throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(document)
                        + " Expecting 'instances' to be an list/array");
            }
            if (instances.isEmpty()) {
                throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(document)
                        + " No values in 'instances' array");
            }
            return new PredictInputs(Format.ROW, rows(instances, signature));
        }
        if (inputs != null) {
            return new PredictInputs(Format.COLUMNAR, columns(inputs, signature));
        }
        throw ApiError.invalidArgument("Missing 'inputs' or 'instances' key");
    }

    private static List<RequestTensor> rows(JsonNode instances, ModelSignature signature) {
        Map<String, TensorSpec> specs = signature.inputs();
        if (!instances.get(0).isObject() && specs.size() > 1) {
            throw ApiError.invalidArgument("instances is a plain list, but expecting list of objects as multiple "
                    + "input tensors required as per tensorinfo_map");
        }
        boolean named = isNamedObject(instances.get(0));
        Map<String, Column> columns = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode instance : instances) {
            if (named) {
                if (!isNamedObject(instance)) {
                    throw ApiError.invalidArgument("Expecting object but got list at item " + index + " of input list");
                }
                Set<String> keys = new HashSet<>();
                for (Iterator<Map.Entry<String, JsonNode>> fields = instance.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    keys.add(field.getKey());
                    try {
                        addItem(field.getValue(), field.getKey(), specs, columns);
                    } catch (ApiError e) {
                        throw ApiError.invalidArgument("Failed to process element: " + index + " key: "
                                + field.getKey() + " of 'instances' list. Error: " + e.code() + ": " + e.getMessage());
                    }
                }
                if (!keys.equals(specs.keySet())) {
                    throw ApiError.invalidArgument("Failed to process element: " + index + " of 'instances' list. "
                            + "JSON object: " + JsonText.quote(instance) + " keys must be equal to: "
                            + String.join(",", specs.keySet()));
                }
            } else {
                if (isNamedObject(instance)) {
                    throw ApiError.invalidArgument("Expecting value/list but got object at item " + index
                            + " of input list");
                }
                try {
                    addItem(instance, specs.keySet().iterator().next(), specs, columns);
                } catch (ApiError e) {
                    throw ApiError.invalidArgument("Failed to process element: " + index
                            + " of 'instances' list. Error: " + e.code() + ": " + e.getMessage());
                }
            }
            index++;
        }
        List<RequestTensor> tensors = new ArrayList<>();
        int batch = index;
        columns.forEach((name, column) -> {
            long[] dims = new long[column.itemDims.length + 1];
            dims[0] = batch;
            System.arraycopy(column.itemDims, 0, dims, 1, column.itemDims.length);
            tensors.add(new RequestTensor(specs.get(name), dims, column.values));
        });
        return tensors;
    }

    /** TF Serving's AddInstanceItem: one instance's value of one input, the same shape as the instances before. */
    private static void addItem(JsonNode item, String name, Map<String, TensorSpec> specs,
            Map<String, Column> columns) {
        TensorSpec spec = specs.get(name);
        if (spec == null) {
            throw ApiError.invalidArgument("JSON object: does not have named input: " + name);
        }
        Column column = columns.computeIfAbsent(name, key -> new Column(spec));
        long[] dims = denseShape(item);
        int before = column.values.size();
        fill(item, 0, dims, column.values);
        int size = column.values.size() - before;
        if (column.itemSize < 0) {
            column.itemSize = size;
            column.itemDims = dims;
        } else if (column.itemSize != size) {
            throw ApiError.invalidArgument("Expecting tensor size: " + column.itemSize + " but got: " + size);
        } else if (!Arrays.equals(column.itemDims, dims)) {
            throw ApiError.invalidArgument("Expecting shape " + TensorSpec.dimsText(column.itemDims) + " but got: "
                    + TensorSpec.dimsText(dims));
        }
    }

    private static List<RequestTensor> columns(JsonNode inputs, ModelSignature signature) {
        Map<String, TensorSpec> specs = signature.inputs();
        List<RequestTensor> tensors = new ArrayList<>();
        if (!inputs.isObject() || TensorValues.isBase64Object(inputs)) {
            if (specs.size() > 1) {
                throw ApiError.invalidArgument("inputs is a plain value/list, but expecting an object as multiple "
                        + "input tensors required as per tensorinfo_map");
            }
            tensors.add(column(inputs, specs.values().iterator().next()));
        } else {
            for (TensorSpec spec : specs.values()) {
                JsonNode value = inputs.get(spec.alias());
                if (value == null) {
                    throw ApiError.invalidArgument("Missing named input: " + spec.alias() + " in 'inputs' object.");
                }
                tensors.add(column(value, spec));
            }
        }
        return tensors;
    }

    private static RequestTensor column(JsonNode value, TensorSpec spec) {
        long[] dims = denseShape(value);
        TensorValues values = new TensorValues(spec.dtype());
        fill(value, 0, dims, values);
        return new RequestTensor(spec, dims, values);
    }

    /** The dims of a nested list, read along its first elements (TF Serving's GetDenseTensorShape). */
    private static long[] denseShape(JsonNode value) {
        List<Long> dims = new ArrayList<>();
        for (JsonNode level = value; level.isArray(); level = level.get(0)) {
            if (dims.size() == MAX_RANK) {
                throw ApiError.invalidArgument("JSON value nested more than " + MAX_RANK
                        + " lists deep: a TensorFlow tensor has at most " + MAX_RANK + " dimensions");
            }
            dims.add((long) level.size());
            if (level.isEmpty()) {
                break;
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** TF Serving's FillTensorProto: every leaf at the same depth, every list as long as the first at its level. */
    private static void fill(JsonNode value, int level, long[] dims, TensorValues values) {
        int rank = dims.length;
        if (!value.isArray()) {
            if (level != rank) {
                throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(value) + " found at incorrect level: "
                        + (level + 1) + " in the JSON DOM. Expected at level: " + rank);
            }
            values.add(value);
            return;
        }
        if (level >= rank) {
            throw ApiError.invalidArgument("Encountered list at unexpected level: " + level + " expected < " + rank);
        }
        if (value.size() != dims[level]) {
            throw ApiError.invalidArgument("Encountered list at unexpected size: " + value.size() + " at level: "
                    + level + " expected size: " + dims[level]);
        }
        for (JsonNode element : value) {
            fill(element, level + 1, dims, values);
        }
    }

    private static boolean isNamedObject(JsonNode value) {
        return value.isObject() && !TensorValues.isBase64Object(value);
    }
}
