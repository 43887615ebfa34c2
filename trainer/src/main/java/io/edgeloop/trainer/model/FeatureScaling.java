package io.edgeloop.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Standardises fixed features with the training split's mean and spread, baked into the graph as constants,
 * so one learning rate fits every extractor's feature scale.
 */
final class FeatureScaling {

    /** Leaves features as they are: for extractors trained jointly with the head. */
    static final FeatureScaling NONE = new FeatureScaling(null, null);

    private static final double MIN_SPREAD = 1e-6;
    /** Bound on a standardised feature: an image unlike every training image must not swamp the logits. */
    private static final float LIMIT = 8f;

    private final float[] mean;
    private final float[] inverseSpread;

    private FeatureScaling(float[] mean, float[] inverseSpread) {
        this.mean = mean;
        this.inverseSpread = inverseSpread;
    }

    static FeatureScaling fit(float[][] features) {
        int dimension = features[0].length;
        float[] mean = new float[dimension];
        float[] inverseSpread = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            double sum = 0;
            for (float[] row : features) {
                sum += row[d];
            }
            double m = sum / features.length;
            double squares = 0;
            for (float[] row : features) {
                squares += (row[d] - m) * (row[d] - m);
            }
            mean[d] = (float) m;
            double spread = Math.sqrt(squares / features.length);
            // A feature constant in training (a bin no training image hits) carries nothing: weight it 0.
            inverseSpread[d] = spread < MIN_SPREAD ? 0f : (float) (1 / spread);
        }
        return new FeatureScaling(mean, inverseSpread);
    }

    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> features) {
        if (mean == null) {
            return features;
        }
        Operand<TFloat32> standardised = tf.math.mul(tf.math.sub(features, tf.constant(mean)),
                tf.constant(inverseSpread));
        return tf.clipByValue(standardised, tf.constant(-LIMIT), tf.constant(LIMIT));
    }
}
