package io.edgeloop.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/** The front of every classifier graph: encoded images in, one feature vector per image out. */
interface FeatureExtractor extends AutoCloseable {

    /** Length of one feature vector. */
    int dimension();

    /** Features [1, D] of the encoded image in {@code image}, a [1] string tensor. */
    Operand<TFloat32> ofOne(Ops tf, Operand<TString> image, Parameters parameters);

    /**
     * Features [1, D] of the encoded image in {@code image} ([1] string) after {@code transform} changed its
     * decoded pixels: training augmentation, applied before the extractor.
     */
    Operand<TFloat32> ofTransformed(Ops tf, Operand<TString> image, Parameters parameters, PixelTransform transform);

    /** Features [N, D] of the encoded images in {@code images}, a [-1] string tensor. */
    Operand<TFloat32> ofBatch(Ops tf, Operand<TString> images, Parameters parameters);

    /** Releases native resources, if the extractor holds any. */
    @Override
    default void close() {
    }
}
