package io.edgeloop.trainer.model;

import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Variables initialised from a seeded Java random, so the same seed starts from the same weights. */
final class TrainableParameters extends Parameters {

    private final Random random;

    TrainableParameters(long seed) {
        this.random = new Random(seed);
    }

    @Override
    Operand<TFloat32> create(Ops tf, String name, Shape shape, Init init) {
        float[] values = new float[(int) shape.size()];
        if (init == Init.GLOROT) {
            long fanOut = shape.get(shape.numDimensions() - 1);
            long fanIn = shape.size() / fanOut;
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
        }
        return tf.withName(name).variable(tf.constant(shape, DataBuffers.of(values, true, false)));
    }
}
