package io.edgeloop.modelserver.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * The values of one input tensor as they arrive from JSON, row-major, checked against the tensor's dtype the way TF
 * Serving's json_tensor checks them (a float takes any number, an int32 a whole number in range...), then made a
 * tensor.
 */
public final class TensorValues {

    private final DataType dtype;
    private double[] decimals = new double[0];
    private long[] integers = new long[0];
    private boolean[] booleans = new boolean[0];
    private byte[][] strings = new byte[0][];
    private int size;

    public TensorValues(DataType dtype) {
        this.dtype = dtype;
    }

    DataType dtype() {
        return dtype;
    }

    int size() {
        return size;
    }

    /** Adds one JSON leaf: a number, boolean or string, or {@code {"b64": "..."}} for a string tensor. */
    public void add(JsonNode value) {
        if (value.isObject()) {
            if (dtype != DataType.DT_STRING) {
                throw typeError(value);
            }
            addBytes(decodeBase64Object(value));
            return;
        }
        switch (dtype) {
            case DT_FLOAT, DT_DOUBLE -> addDecimal(value);
            case DT_INT32, DT_UINT8 -> {
                // rapidjson's IsInt: any int32, narrowed for uint8 as TensorFlow narrows a TensorProto's int_val.
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    throw typeError(value);
                }
                addInteger(value.intValue());
            }
            case DT_INT64 -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw typeError(value);
                }
                addInteger(value.longValue());
            }
            case DT_BOOL -> {
                if (!value.isBoolean()) {
                    throw typeError(value);
                }
                ensure();
                booleans[size++] = value.booleanValue();
            }
            case DT_STRING -> {
                if (!value.isTextual()) {
                    throw typeError(value);
                }
                addBytes(value.textValue().getBytes(StandardCharsets.UTF_8));
            }
            default -> throw ApiError.unimplemented("Conversion of JSON Value: " + JsonText.quote(value)
                    + " to type: " + TensorSpec.typeName(dtype));
        }
    }

    /** Adds one element of a string tensor. */
    public void addBytes(byte[] value) {
        if (dtype != DataType.DT_STRING) {
            throw new IllegalStateException("Not a string tensor: " + dtype);
        }
        ensure();
        strings[size++] = value;
    }

    /** The tensor of these values; the caller closes it. */
    Tensor toTensor(long[] dims) {
        Shape shape = Shape.of(dims);
        if (shape.size() != size) {
            throw new IllegalStateException(size + " values for shape " + shape);
        }
        return switch (dtype) {
            case DT_FLOAT -> {
                float[] values = new float[size];
                for (int i = 0; i < size; i++) {
                    values[i] = (float) decimals[i];
                }
                yield TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case DT_DOUBLE -> TFloat64.tensorOf(shape, DataBuffers.of(Arrays.copyOf(decimals, size), true, false));
            case DT_INT32 -> TInt32.tensorOf(shape, DataBuffers.of(Arrays.stream(integers, 0, size)
                    .mapToInt(value -> (int) value).toArray(), true, false));
            case DT_INT64 -> TInt64.tensorOf(shape, DataBuffers.of(Arrays.copyOf(integers, size), true, false));
            case DT_UINT8 -> {
                byte[] values = new byte[size];
                for (int i = 0; i < size; i++) {
                    values[i] = (byte) integers[i];
                }
                yield TUint8.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case DT_BOOL -> TBool.tensorOf(shape, DataBuffers.of(Arrays.copyOf(booleans, size), true, false));
            case DT_STRING -> TString.tensorOfBytes(shape, DataBuffers.ofObjects(Arrays.copyOf(strings, size)));
            default -> throw ApiError.unimplemented("Tensors of type " + TensorSpec.typeName(dtype)
                    + " are not supported");
        };
    }

    /** TF Serving's {@code {"b64": "<base64>"}}: an object with that one string member. */
    static boolean isBase64Object(JsonNode value) {
        return value.isObject() && value.size() == 1 && value.has("b64") && value.get("b64").isTextual();
    }

    private static byte[] decodeBase64Object(JsonNode value) {
        if (!isBase64Object(value)) {
            throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(value)
                    + " not formatted correctly for base64 data");
        }
        try {
            return Base64.getDecoder().decode(value.get("b64").textValue());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidArgument("Unable to base64 decode");
        }
    }

    /**
     * json_tensor's rule for DT_FLOAT and DT_DOUBLE: any JSON number, read as a double (a float then rounds it, so
     * 1435774380 becomes 1435774336 and 1.79769e+308 becomes Infinity).
     */
    private void addDecimal(JsonNode value) {
        if (!value.isNumber()) {
            throw typeError(value);
        }
        ensure();
        decimals[size++] = value.doubleValue();
    }

    private void addInteger(long value) {
        ensure();
        integers[size++] = value;
    }

    /** Room for one more value in the array of this dtype. */
    private void ensure() {
        int capacity = switch (dtype) {
            case DT_FLOAT, DT_DOUBLE -> decimals.length;
            case DT_BOOL -> booleans.length;
            case DT_STRING -> strings.length;
            default -> integers.length;
        };
        if (size < capacity) {
            return;
        }
        int larger = Math.max(8, capacity * 2);
        switch (dtype) {
            case DT_FLOAT, DT_DOUBLE -> decimals = Arrays.copyOf(decimals, larger);
            case DT_BOOL -> booleans = Arrays.copyOf(booleans, larger);
            case DT_STRING -> strings = Arrays.copyOf(strings, larger);
            default -> integers = Arrays.copyOf(integers, larger);
        }
    }

    private ApiError typeError(JsonNode value) {
        return ApiError.invalidArgument("JSON Value: " + JsonText.quote(value) + " Type: " + JsonText.kind(value)
                + " is not of expected type: " + TensorSpec.typeName(dtype));
    }
}
