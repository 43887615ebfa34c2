package io.edgeloop.modelserver.grpc;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Tensor;
import org.tensorflow.framework.TensorProto;
import org.tensorflow.framework.TensorShapeProto;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * A request's TensorProto as a TensorFlow Java tensor, read as TensorFlow's {@code Tensor::FromProto} reads it:
 * {@code tensor_content} (little-endian, exactly the shape's size) when set, else the typed {@code *_val} field, where
 * no value means all zeros, too few values repeat the last one and extra ones are ignored; no shape is a scalar.
 */
final class TensorProtoReader {

    /** Why a proto is no tensor; the caller words it as TF Serving does ({@code tensor parsing error: <alias>}). */
    static final class UnreadableTensor extends Exception {
        UnreadableTensor(String message) {
            super(message, null, false, false);
        }
    }

    private TensorProtoReader() {
    }

    /** @return a tensor the caller closes */
    static Tensor read(TensorProto proto) throws UnreadableTensor {
        Shape shape = shape(proto.getTensorShape());
        if (shape.size() > Integer.MAX_VALUE) {
            throw new UnreadableTensor("too many elements: " + shape);
        }
        int size = (int) shape.size();
        ByteString content = proto.getTensorContent();
        return switch (proto.getDtype()) {
            case DT_FLOAT -> {
                float[] values = new float[size];
                if (fromContent(content, size, Float.BYTES)) {
                    littleEndian(content).asFloatBuffer().get(values);
                } else {
                    fill(proto.getFloatValList(), size, (i, v) -> values[i] = v);
                }
                yield TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case DT_DOUBLE -> {
                double[] values = new double[size];
                if (fromContent(content, size, Double.BYTES)) {
                    littleEndian(content).asDoubleBuffer().get(values);
                } else {
                    fill(proto.getDoubleValList(), size, (i, v) -> values[i] = v);
                }
                yield TFloat64.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case DT_INT32 -> {
                int[] values = new int[size];
                if (fromContent(content, size, Integer.BYTES)) {
                    littleEndian(content).asIntBuffer().get(values);
                } else {
                    fill(proto.getIntValList(), size, (i, v) -> values[i] = v);
                }
                yield TInt32.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case DT_UINT8 -> {
                byte[] values = new byte[size];
                if (fromContent(content, size, Byte.BYTES)) {
                    content.copyTo(values, 0);
                } else {
                    fill(proto.getIntValList(), size, (i, v) -> values[i] = v.byteValue());
                }
                yield TUint8.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case DT_INT64 -> {
                long[] values = new long[size];
                if (fromContent(content, size, Long.BYTES)) {
                    littleEndian(content).asLongBuffer().get(values);
                } else {
                    fill(proto.getInt64ValList(), size, (i, v) -> values[i] = v);
                }
                yield TInt64.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case DT_BOOL -> {
                boolean[] values = new boolean[size];
                if (fromContent(content, size, 1)) {
                    for (int i = 0; i < size; i++) {
                        values[i] = content.byteAt(i) != 0;
                    }
                } else {
                    fill(proto.getBoolValList(), size, (i, v) -> values[i] = v);
                }
                yield TBool.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case DT_STRING -> {
                if (!content.isEmpty()) {
                    throw new UnreadableTensor("strings are sent in string_val, not tensor_content");
                }
                byte[][] values = new byte[size][];
                Arrays.fill(values, new byte[0]);
                fill(proto.getStringValList(), size, (i, v) -> values[i] = v.toByteArray());
                yield TString.tensorOfBytes(shape, DataBuffers.ofObjects(values));
            }
            default -> throw new UnreadableTensor("unsupported dtype " + proto.getDtype());
        };
    }

    /** The shape of a proto; TensorFlow refuses unknown ranks and sizes in a tensor (they are for signatures). */
    private static Shape shape(TensorShapeProto proto) throws UnreadableTensor {
        if (proto.getUnknownRank()) {
            throw new UnreadableTensor("unknown rank");
        }
        long[] dims = new long[proto.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = proto.getDim(i).getSize();
            if (dims[i] < 0) {
                throw new UnreadableTensor("negative dimension " + dims[i]);
            }
        }
        return Shape.of(dims);
    }

    /** Whether the values come from tensor_content, which must then hold exactly the shape's elements. */
    private static boolean fromContent(ByteString content, int size, int bytesPerValue) throws UnreadableTensor {
        if (content.isEmpty()) {
            return false;
        }
        if (content.size() != (long) size * bytesPerValue) {
            throw new UnreadableTensor("tensor_content has " + content.size() + " bytes for " + size + " values");
        }
        return true;
    }

    private static ByteBuffer littleEndian(ByteString content) {
        return content.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private interface Setter<T> {
        void set(int index, T value);
    }

    /** TensorFlow's FromProtoField: the values given, then the last one repeated; none leaves the defaults. */
    private static <T> void fill(List<T> given, int size, Setter<T> setter) {
        if (given.isEmpty()) {
            return;
        }
        for (int i = 0; i < size; i++) {
            setter.set(i, given.get(Math.min(i, given.size() - 1)));
        }
    }
}
