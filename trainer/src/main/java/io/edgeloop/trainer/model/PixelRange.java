package io.edgeloop.trainer.model;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The pixel values a float-input base model expects: [0, 1] (TF Hub image feature vectors) or [-1, 1]
 * ({@code keras.applications} MobileNetV2 preprocessing).
 */
public enum PixelRange {
    ZERO_ONE("0-1"),
    MINUS_ONE_ONE("-1-1");

    private final String flag;

    PixelRange(String flag) {
        this.flag = flag;
    }

    /** The command-line spelling: {@code 0-1} or {@code -1-1}. */
    public String flag() {
        return flag;
    }

    public static PixelRange ofFlag(String flag) {
        return Arrays.stream(values()).filter(range -> range.flag.equals(flag)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Pixel range '" + flag + "': use 0-1 or -1-1"));
    }

    /** {@code pixels} in [0, 1] mapped to this range. */
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> pixels) {
        return this == ZERO_ONE ? pixels
                : tf.math.sub(tf.math.mul(pixels, tf.constant(2f)), tf.constant(1f));
    }
}
