package io.edgeloop.modelserver.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import org.tensorflow.Tensor;
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
 * An output tensor copied out of TensorFlow, flat and row-major, so it outlives the call's result and is written as
 * JSON one element at a time.
 */
public final class OutputValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String alias;
    private final DataType dtype;
    private final long[] dims;
    private final Object values;
    private final int size;

    private OutputValues(String alias, DataType dtype, long[] dims, Object values, int size) {
        this.alias = alias;
        this.dtype = dtype;
        this.dims = dims;
        this.values = values;
        this.size = size;
    }

    /** @throws ApiError 400, TF Serving's answer for a dtype it cannot write as JSON */
    static OutputValues of(String alias, Tensor tensor) {
        int size = Math.toIntExact(tensor.shape().size());
        Object values = switch (tensor.dataType()) {
            case DT_FLOAT -> copied(new float[size], a -> ((TFloat32) tensor).copyTo(DataBuffers.of(a, false, false)));
            case DT_DOUBLE -> copied(new double[size], a -> ((TFloat64) tensor).copyTo(DataBuffers.of(a, false, false)));
            case DT_INT32 -> copied(new int[size], a -> ((TInt32) tensor).copyTo(DataBuffers.of(a, false, false)));
            case DT_INT64 -> copied(new long[size], a -> ((TInt64) tensor).copyTo(DataBuffers.of(a, false, false)));
            case DT_UINT8 -> copied(new byte[size], a -> ((TUint8) tensor).copyTo(DataBuffers.of(a, false, false)));
            case DT_BOOL -> copied(new boolean[size], a -> ((TBool) tensor).copyTo(DataBuffers.of(a, false, false)));
            case DT_STRING -> copied(new byte[size][],
                    a -> ((TString) tensor).asBytes().copyTo(DataBuffers.of(a, false, false)));
            default -> throw ApiError.invalidArgument("Failed to write JSON value for tensor type: "
                    + TensorSpec.typeName(tensor.dataType()));
        };
        return new OutputValues(alias, tensor.dataType(), tensor.shape().asArray(), values, size);
    }

    private static <A> A copied(A array, Consumer<A> copy) {
        copy.accept(array);
        return array;
    }

    public String alias() {
        return alias;
    }

    public DataType dtype() {
        return dtype;
    }

    public long[] dims() {
        return dims.clone();
    }

    int rank() {
        return dims.length;
    }

    long dim(int index) {
        return dims[index];
    }

    public int size() {
        return size;
    }

    /**
     * Element {@code index} as TF Serving writes it: numbers (floats and doubles by its {@code %g} rule, see
     * {@link DecimalText}), booleans, strings; a string is written as {@code {"b64": "..."}} when the output's name
     * ends in {@code _bytes} (TF Serving's rule) or when it is not valid UTF-8 (where TF Serving would write invalid
     * JSON).
     */
    JsonNode json(int index) {
        if (values instanceof float[] floats) {
            return DecimalText.json(floats[index]);
        }
        if (values instanceof double[] doubles) {
            return DecimalText.json(doubles[index]);
        }
        if (values instanceof byte[][] strings) {
            byte[] bytes = strings[index];
            String text = alias.endsWith("_bytes") ? null : utf8(bytes);
            return text != null ? NODES.textNode(text)
                    : NODES.objectNode().put("b64", Base64.getEncoder().encodeToString(bytes));
        }
        return number(index);
    }

    /** Whether every string element is valid UTF-8 (always true for other dtypes). */
    public boolean allUtf8() {
        if (values instanceof byte[][] strings) {
            for (byte[] bytes : strings) {
                if (utf8(bytes) == null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Element {@code index} for the Open Inference Protocol: strings as text, or base64 text when asked. */
    public JsonNode plain(int index, boolean base64) {
        if (values instanceof byte[][] strings) {
            byte[] bytes = strings[index];
            return NODES.textNode(base64 ? Base64.getEncoder().encodeToString(bytes)
                    : new String(bytes, StandardCharsets.UTF_8));
        }
        return number(index);
    }

    private JsonNode number(int index) {
        if (values instanceof float[] floats) {
            return NODES.numberNode(floats[index]);
        } else if (values instanceof double[] doubles) {
            return NODES.numberNode(doubles[index]);
        } else if (values instanceof int[] ints) {
            return NODES.numberNode(ints[index]);
        } else if (values instanceof long[] longs) {
            return NODES.numberNode(longs[index]);
        } else if (values instanceof byte[] bytes) {
            return NODES.numberNode(bytes[index] & 0xff);
        }
        return NODES.booleanNode(((boolean[]) values)[index]);
    }

    /** The text, or null when the bytes are not valid UTF-8. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
