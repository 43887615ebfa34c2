package io.edgeloop.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A change to one image's decoded pixels [H, W, 3] in [0, 1] before any extractor sees them: augmentation. */
@FunctionalInterface
interface PixelTransform {

    /** Left and right swapped: a mirrored photo is as valid as the original. */
    PixelTransform MIRROR = (tf, pixels) -> tf.reverse(pixels, tf.constant(new int[] {1}));

    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> pixels);
}
