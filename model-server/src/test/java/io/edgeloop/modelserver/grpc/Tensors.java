package io.edgeloop.modelserver.grpc;

import org.tensorflow.framework.DataType;
import org.tensorflow.framework.TensorProto;
import org.tensorflow.framework.TensorShapeProto;

/** TensorProtos as TF Serving's test clients build them. */
public final class Tensors {

    private Tensors() {
    }

    public static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : dims) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
        }
        return shape.build();
    }

    /** DT_FLOAT with the values in float_val. */
    static TensorProto floats(long[] dims, float... values) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape(dims));
        for (float value : values) {
            tensor.addFloatVal(value);
        }
        return tensor.build();
    }

    /** DT_FLOAT with no shape: a scalar. */
    static TensorProto scalar(float value) {
        return TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).addFloatVal(value).build();
    }
}
