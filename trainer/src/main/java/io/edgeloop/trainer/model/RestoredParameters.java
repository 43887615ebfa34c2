package io.edgeloop.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Variables without initialisers, filled by restoring a training checkpoint: a clean inference graph. */
final class RestoredParameters extends Parameters {

    @Override
    Operand<TFloat32> create(Ops tf, String name, Shape shape, Init init) {
        return tf.withName(name).variable(shape, TFloat32.class);
    }
}
