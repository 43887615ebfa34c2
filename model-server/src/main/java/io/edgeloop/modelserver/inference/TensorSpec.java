package io.edgeloop.modelserver.inference;

import java.util.Arrays;
import java.util.Locale;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/**
 * One input or output of a signature: its alias (the name clients use), the graph tensor behind it, its dtype and
 * shape (-1 for a dimension of any size; an unknown shape has any rank).
 */
public record TensorSpec(String alias, String tensorName, DataType dtype, Shape shape) {

    /** Whether a tensor of these dimensions fits the declared shape. */
    public boolean accepts(long[] dims) {
        if (shape.isUnknown()) {
            return true;
        }
        if (shape.numDimensions() != dims.length) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (shape.get(i) >= 0 && shape.get(i) != dims[i]) {
                return false;
            }
        }
        return true;
    }

    /** The declared shape as {@code [-1,3]}, {@code [?]} when unknown, as TF Serving prints shapes. */
    public String shapeText() {
        return shape.isUnknown() ? "[?]" : dimsText(shape.asArray());
    }

    public static String dimsText(long[] dims) {
        return Arrays.toString(dims).replace(" ", "");
    }

    /** TF's DataTypeString: {@code DT_FLOAT} is {@code float}. */
    public static String typeName(DataType dtype) {
        return dtype.name().startsWith("DT_") ? dtype.name().substring(3).toLowerCase(Locale.ROOT)
                : dtype.name();
    }
}
