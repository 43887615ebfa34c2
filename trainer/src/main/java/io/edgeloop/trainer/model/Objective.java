package io.edgeloop.trainer.model;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What training minimises and reports for logits against label indexes: mean softmax cross-entropy (the dense
 * op over one-hot labels: the sparse one has no C++ gradient) plus an l2 penalty (tf.nn.l2Loss: the gradient
 * of Square applied to a variable crashes TF Java), minimised with Adam
 * ({@link OrderedAdam}: TF Java's own Adam is not reproducible).
 */
record Objective(Operand<TFloat32> loss, Operand<TFloat32> accuracy, Operand<TInt32> predictions, Op step) {

    static Objective of(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int classes,
            Operand<TFloat32> penalised, float l2, float learningRate) {
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> crossEntropy = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(),
                tf.constant(0));
        Operand<TFloat32> loss = tf.math.add(crossEntropy, tf.math.mul(tf.constant(l2), tf.nn.l2Loss(penalised)));
        Operand<TInt32> predictions = tf.math.argMax(logits, tf.constant(1), TInt32.class);
        Operand<TFloat32> accuracy = tf.math.mean(tf.dtypes.cast(tf.math.equal(predictions, labels), TFloat32.class),
                tf.constant(0));
        Op step = new OrderedAdam((Graph) tf.scope().env(), learningRate).minimize(loss);
        return new Objective(loss, accuracy, predictions, step);
    }
}
