package io.edgeloop.trainer.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A small CNN trained from scratch: 3x3 conv + ReLU + 2x2 max-pool blocks, then global average pooling. */
final class CnnFeatures implements PixelFeatures {

    private static final int[] CHANNELS = {16, 32, 64, 64};

    @Override
    public int dimension() {
        return CHANNELS[CHANNELS.length - 1];
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> pixels, Parameters parameters) {
        Operand<TFloat32> x = tf.math.sub(pixels, tf.constant(0.5f));
        int in = 3;
        for (int layer = 0; layer < CHANNELS.length; layer++) {
            int out = CHANNELS[layer];
            Operand<TFloat32> kernel = parameters.get(tf, "conv" + layer + "_w", Shape.of(3, 3, in, out),
                    Parameters.Init.GLOROT);
            Operand<TFloat32> bias = parameters.get(tf, "conv" + layer + "_b", Shape.of(out), Parameters.Init.ZEROS);
            x = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME"), bias));
            if (layer < CHANNELS.length - 1) {
                x = tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}),
                        "SAME");
            }
            in = out;
        }
        return tf.math.mean(x, tf.constant(new int[] {1, 2}));
    }
}
