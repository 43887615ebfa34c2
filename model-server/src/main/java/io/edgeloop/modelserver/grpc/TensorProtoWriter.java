package io.edgeloop.modelserver.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import org.tensorflow.Tensor;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.TensorProto;
import org.tensorflow.framework.TensorShapeProto;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * An output tensor as TF Serving writes it ({@code Tensor::AsProtoField}): dtype, shape and every value in the typed
 * field ({@code float_val} for DT_FLOAT...), which is what TF Serving's clients read, not {@code tensor_content}.
 */
final class TensorProtoWriter {

    private TensorProtoWriter() {
    }

    static TensorProto write(Tensor tensor) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long size : tensor.shape().asArray()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(size));
        }
        TensorProto.Builder proto = TensorProto.newBuilder()
                .setDtype(DataType.forNumber(tensor.dataType().getNumber())).setTensorShape(shape);
        int size = Math.toIntExact(tensor.shape().size());
        switch (tensor.dataType()) {
            case DT_FLOAT -> {
                float[] values = new float[size];
                ((TFloat32) tensor).copyTo(DataBuffers.of(values, false, false));
                for (float value : values) {
                    proto.addFloatVal(value);
                }
            }
            case DT_DOUBLE -> {
                double[] values = new double[size];
                ((TFloat64) tensor).copyTo(DataBuffers.of(values, false, false));
                for (double value : values) {
                    proto.addDoubleVal(value);
                }
            }
            case DT_INT32 -> {
                int[] values = new int[size];
                ((TInt32) tensor).copyTo(DataBuffers.of(values, false, false));
                for (int value : values) {
                    proto.addIntVal(value);
                }
            }
            case DT_UINT8 -> {
                byte[] values = new byte[size];
                ((TUint8) tensor).copyTo(DataBuffers.of(values, false, false));
                for (byte value : values) {
                    proto.addIntVal(value & 0xff);
                }
            }
            case DT_INT64 -> {
                long[] values = new long[size];
                ((TInt64) tensor).copyTo(DataBuffers.of(values, false, false));
                for (long value : values) {
                    proto.addInt64Val(value);
                }
            }
            case DT_BOOL -> {
                boolean[] values = new boolean[size];
                ((TBool) tensor).copyTo(DataBuffers.of(values, false, false));
                for (boolean value : values) {
                    proto.addBoolVal(value);
                }
            }
            case DT_STRING -> {
                byte[][] values = new byte[size][];
                ((TString) tensor).asBytes().copyTo(DataBuffers.ofObjects(values));
                for (byte[] value : values) {
                    proto.addStringVal(ByteString.copyFrom(value));
                }
            }
            default -> throw GrpcErrors.of(Status.Code.UNIMPLEMENTED, "Output tensors of type " + tensor.dataType()
                    + " are not supported by this server");
        }
        return proto.build();
    }
}
