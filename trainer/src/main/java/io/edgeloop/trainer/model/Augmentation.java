package io.edgeloop.trainer.model;

import java.util.Arrays;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Random crops, horizontal flips and colour gains for CNN training. Drawn in Java from the seed (reproducible)
 * and applied in the graph; feeding {@link #identity} instead evaluates on the pixels as they are.
 */
final class Augmentation {

    private static final double MIN_CROP = 0.8;
    private static final double BRIGHTNESS = 0.15;
    private static final double CHANNEL_GAIN = 0.05;

    /** One batch's crop boxes [n, 4] and colour gains [n, 1, 1, 3], to feed. */
    record Draw(TFloat32 boxes, TFloat32 gains) implements AutoCloseable {

        private static Draw of(int n, float[] boxes, float[] gains) {
            return new Draw(TFloat32.tensorOf(Shape.of(n, 4), DataBuffers.of(boxes, true, false)),
                    TFloat32.tensorOf(Shape.of(n, 1, 1, 3), DataBuffers.of(gains, true, false)));
        }

        @Override
        public void close() {
            boxes.close();
            gains.close();
        }
    }

    private final Random random;

    Augmentation(long seed) {
        this.random = new Random(seed);
    }

    /** Crops each image to its box (x1 > x2 mirrors it), scales to size x size, multiplies by its gains. */
    static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> pixels, Operand<TFloat32> boxes,
            Operand<TFloat32> gains, int size) {
        Operand<TInt32> count = tf.reshape(tf.slice(tf.shape(pixels), tf.constant(new int[] {0}),
                tf.constant(new int[] {1})), tf.constant(new int[0]));
        Operand<TFloat32> cropped = tf.image.cropAndResize(pixels, boxes,
                tf.range(tf.constant(0), count, tf.constant(1)), tf.constant(new int[] {size, size}));
        return tf.clipByValue(tf.math.mul(cropped, gains), tf.constant(0f), tf.constant(1f));
    }

    /** Boxes and gains that leave n images unchanged. */
    static Draw identity(int n) {
        float[] boxes = new float[n * 4];
        float[] gains = new float[n * 3];
        for (int i = 0; i < n; i++) {
            boxes[i * 4 + 2] = 1;
            boxes[i * 4 + 3] = 1;
        }
        Arrays.fill(gains, 1f);
        return Draw.of(n, boxes, gains);
    }

    /** Random boxes and gains for n images. */
    Draw draw(int n) {
        float[] boxes = new float[n * 4];
        float[] gains = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double side = MIN_CROP + random.nextDouble() * (1 - MIN_CROP);
            double top = random.nextDouble() * (1 - side);
            double left = random.nextDouble() * (1 - side);
            boolean mirror = random.nextBoolean();
            boxes[i * 4] = (float) top;
            boxes[i * 4 + 1] = (float) (mirror ? left + side : left);
            boxes[i * 4 + 2] = (float) (top + side);
            boxes[i * 4 + 3] = (float) (mirror ? left : left + side);
            double brightness = 1 + (random.nextDouble() * 2 - 1) * BRIGHTNESS;
            for (int c = 0; c < 3; c++) {
                gains[i * 3 + c] = (float) (brightness * (1 + (random.nextDouble() * 2 - 1) * CHANNEL_GAIN));
            }
        }
        return Draw.of(n, boxes, gains);
    }
}
