package io.edgeloop.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Features computed from decoded pixels, batched. */
interface PixelFeatures {

    int dimension();

    /** Features [N, D] of {@code pixels} [N, size, size, 3] in [0, 1]. */
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> pixels, Parameters parameters);
}
