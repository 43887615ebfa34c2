package io.edgeloop.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.DecodeImage;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * The one subgraph that turns encoded bytes into pixels. Training and every exported model build it from here,
 * so serving sees exactly the pixels that training saw.
 */
final class ImageDecoding {

    private ImageDecoding() {
    }

    /** Pixels [size, size, 3] in [0, 1] of the JPEG/PNG/GIF/BMP bytes in {@code image}, a [1] string tensor. */
    static Operand<TFloat32> decode(Ops tf, Operand<TString> image, int size) {
        return decode(tf, image, size, size);
    }

    /** Pixels [height, width, 3] in [0, 1], for base models whose input is not square. */
    static Operand<TFloat32> decode(Ops tf, Operand<TString> image, int height, int width) {
        Operand<TFloat32> batchOfOne = tf.expandDims(tf.dtypes.cast(rgb(tf, image), TFloat32.class), tf.constant(0));
        Operand<TFloat32> resized = tf.image.resizeBilinear(batchOfOne, tf.constant(new int[] {height, width}),
                ResizeBilinear.halfPixelCenters(true));
        return tf.reshape(tf.math.div(resized, tf.constant(255f)), tf.constant(new int[] {height, width, 3}));
    }

    /** The image's own pixels [H, W, 3], 0..255; fails for bytes that are no image TensorFlow can decode. */
    static Operand<TUint8> rgb(Ops tf, Operand<TString> image) {
        Operand<TString> bytes = tf.reshape(image, tf.constant(new int[0]));
        // expandAnimations=false keeps a GIF at one 3-D frame like every other format.
        return tf.image.decodeImage(bytes, TUint8.class, DecodeImage.channels(3L),
                DecodeImage.expandAnimations(false));
    }
}
