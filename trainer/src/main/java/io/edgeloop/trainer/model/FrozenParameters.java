package io.edgeloop.trainer.model;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Trained values baked in as constants, for a frozen graph that other graphs can embed as a function. */
final class FrozenParameters extends Parameters {

    private final Map<String, TFloat32> values;

    /** {@code values} stay owned by the caller and must outlive the graph building. */
    FrozenParameters(Map<String, TFloat32> values) {
        this.values = values;
    }

    @Override
    Operand<TFloat32> create(Ops tf, String name, Shape shape, Init init) {
        TFloat32 value = values.get(name);
        if (value == null || !value.shape().equals(shape)) {
            throw new IllegalStateException("No trained value of shape " + shape + " for " + name);
        }
        return tf.withName(name).constantOf(value);
    }
}
