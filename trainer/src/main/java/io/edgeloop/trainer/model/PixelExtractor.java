package io.edgeloop.trainer.model;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/** Decodes with {@link ImageDecoding}, then computes {@link PixelFeatures}: the histogram and cnn extractors. */
final class PixelExtractor implements FeatureExtractor {

    private final int imageSize;
    private final PixelFeatures features;

    PixelExtractor(int imageSize, PixelFeatures features) {
        this.imageSize = imageSize;
        this.features = features;
    }

    int imageSize() {
        return imageSize;
    }

    PixelFeatures features() {
        return features;
    }

    @Override
    public int dimension() {
        return features.dimension();
    }

    @Override
    public Operand<TFloat32> ofOne(Ops tf, Operand<TString> image, Parameters parameters) {
        Operand<TFloat32> pixels = ImageDecoding.decode(tf, image, imageSize);
        return features.apply(tf, tf.expandDims(pixels, tf.constant(0)), parameters);
    }

    @Override
    public Operand<TFloat32> ofTransformed(Ops tf, Operand<TString> image, Parameters parameters,
            PixelTransform transform) {
        Operand<TFloat32> pixels = transform.apply(tf, ImageDecoding.decode(tf, image, imageSize));
        return features.apply(tf, tf.expandDims(pixels, tf.constant(0)), parameters);
    }

    @Override
    public Operand<TFloat32> ofBatch(Ops tf, Operand<TString> images, Parameters parameters) {
        Operand<TFloat32> pixels = ImageLoop.map(tf, images, Shape.of(imageSize, imageSize, 3), "decode_images",
                (body, one) -> ImageDecoding.decode(body, one, imageSize));
        return features.apply(tf, pixels, parameters);
    }
}
