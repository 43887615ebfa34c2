package io.edgeloop.trainer.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A classifier's layout, shared by its training and export graphs: extractor, scaling, dense softmax head. */
final class ClassifierNetwork implements AutoCloseable {

    private final FeatureExtractor extractor;
    private final FeatureScaling scaling;
    private final List<String> labels;

    ClassifierNetwork(FeatureExtractor extractor, FeatureScaling scaling, List<String> labels) {
        this.extractor = extractor;
        this.scaling = scaling;
        this.labels = List.copyOf(labels);
    }

    FeatureExtractor extractor() {
        return extractor;
    }

    List<String> labels() {
        return labels;
    }

    /** Logits [N, classes] of features [N, D] straight from the extractor. */
    Operand<TFloat32> logits(Ops tf, Operand<TFloat32> features, Parameters parameters) {
        Operand<TFloat32> bias = parameters.get(tf, "head_b", Shape.of(labels.size()), Parameters.Init.ZEROS);
        return tf.math.add(tf.linalg.matMul(scaling.apply(tf, features), headWeights(tf, parameters)), bias);
    }

    /** The head's weight matrix, the one the l2 penalty applies to. */
    Operand<TFloat32> headWeights(Ops tf, Parameters parameters) {
        return parameters.get(tf, "head_w", Shape.of(extractor.dimension(), labels.size()), Parameters.Init.GLOROT);
    }

    @Override
    public void close() {
        extractor.close();
    }
}
