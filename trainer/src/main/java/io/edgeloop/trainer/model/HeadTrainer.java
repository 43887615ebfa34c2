package io.edgeloop.trainer.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Trains the softmax head on fixed features (histogram, base-model): full-batch Adam, one step per epoch, the
 * weights averaged over the last epochs.
 */
final class HeadTrainer {

    private static final float L2 = 0.03f;
    /** Share of the last epochs whose weights are averaged into the final ones. */
    private static final double AVERAGED_SHARE = 0.2;

    private HeadTrainer() {
    }

    static TrainingRun train(ClassifierNetwork network, Examples train, Examples heldOut, TrainingOptions options,
            TrainingListener listener, Checkpoint checkpoint) {
        Shape featureShape = Shape.of(network.extractor().dimension());
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Parameters parameters = new TrainableParameters(options.seed());
            Placeholder<TFloat32> features = tf.placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1).append(featureShape)));
            Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            Objective objective = Objective.of(tf, network.logits(tf, features, parameters), labels,
                    network.labels().size(), network.headWeights(tf, parameters), L2, (float) options.learningRate());
            int averaged = Math.max(1, (int) (options.epochs() * AVERAGED_SHARE));
            TailAverage average = new TailAverage(tf, parameters, averaged);
            session.initialize();

            List<EpochStats> history = new ArrayList<>();
            try (TFloat32 trainFeatures = train.tensor(train.all(), featureShape);
                    TInt32 trainLabels = train.labelTensor(train.all())) {
                for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                    try (Result result = session.runner().feed(features, trainFeatures).feed(labels, trainLabels)
                            .addTarget(objective.step()).fetch(objective.loss()).fetch(objective.accuracy()).run()) {
                        double loss = ((TFloat32) result.get(0)).getFloat();
                        double accuracy = ((TFloat32) result.get(1)).getFloat();
                        history.add(new EpochStats(epoch, loss, accuracy));
                        listener.epoch(epoch, options.epochs(), loss, accuracy);
                    }
                    if (epoch > options.epochs() - averaged) {
                        session.run(average.accumulate());
                    }
                }
            }
            session.run(average.apply());
            int[] predictions;
            try (TFloat32 heldOutFeatures = heldOut.tensor(heldOut.all(), featureShape);
                    Result result = session.runner().feed(features, heldOutFeatures).fetch(objective.predictions())
                            .run()) {
                predictions = StdArrays.array1dCopyOf((TInt32) result.get(0));
            }
            session.save(checkpoint.prefix());
            return new TrainingRun(history, predictions);
        }
    }
}
