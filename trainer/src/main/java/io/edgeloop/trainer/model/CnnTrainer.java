package io.edgeloop.trainer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Trains the CNN and its head together on augmented mini-batches of decoded pixels. */
final class CnnTrainer {

    private static final int BATCH = 32;
    private static final float L2 = 1e-4f;

    private CnnTrainer() {
    }

    static TrainingRun train(ClassifierNetwork network, PixelExtractor extractor, Examples train, Examples heldOut,
            TrainingOptions options, TrainingListener listener, Checkpoint checkpoint) {
        int size = extractor.imageSize();
        Shape imageShape = Shape.of(size, size, 3);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Parameters parameters = new TrainableParameters(options.seed());
            Placeholder<TFloat32> pixels = tf.placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1).append(imageShape)));
            Placeholder<TFloat32> boxes = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
            Placeholder<TFloat32> gains = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, 1, 3)));
            Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat32> augmented = Augmentation.apply(tf, pixels, boxes, gains, size);
            Operand<TFloat32> logits = network.logits(tf, extractor.features().apply(tf, augmented, parameters), parameters);
            Objective objective = Objective.of(tf, logits, labels, network.labels().size(),
                    network.headWeights(tf, parameters), L2, (float) options.learningRate());
            session.initialize();

            Random order = new Random(options.seed());
            Augmentation augmentation = new Augmentation(options.seed() + 1);
            List<EpochStats> history = new ArrayList<>();
            int[] indexes = train.all();
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                shuffle(indexes, order);
                double lossSum = 0;
                double correct = 0;
                for (int start = 0; start < indexes.length; start += BATCH) {
                    int[] batch = Arrays.copyOfRange(indexes, start, Math.min(indexes.length, start + BATCH));
                    try (TFloat32 batchPixels = train.tensor(batch, imageShape);
                            TInt32 batchLabels = train.labelTensor(batch);
                            Augmentation.Draw draw = augmentation.draw(batch.length);
                            Result result = session.runner().feed(pixels, batchPixels).feed(labels, batchLabels)
                                    .feed(boxes, draw.boxes()).feed(gains, draw.gains()).addTarget(objective.step())
                                    .fetch(objective.loss()).fetch(objective.accuracy()).run()) {
                        lossSum += ((TFloat32) result.get(0)).getFloat() * batch.length;
                        correct += ((TFloat32) result.get(1)).getFloat() * batch.length;
                    }
                }
                double loss = lossSum / indexes.length;
                double accuracy = correct / indexes.length;
                history.add(new EpochStats(epoch, loss, accuracy));
                listener.epoch(epoch, options.epochs(), loss, accuracy);
            }

            int[] predictions = new int[heldOut.size()];
            int[] all = heldOut.all();
            for (int start = 0; start < all.length; start += BATCH) {
                int[] batch = Arrays.copyOfRange(all, start, Math.min(all.length, start + BATCH));
                try (TFloat32 batchPixels = heldOut.tensor(batch, imageShape);
                        Augmentation.Draw none = Augmentation.identity(batch.length);
                        Result result = session.runner().feed(pixels, batchPixels).feed(boxes, none.boxes())
                                .feed(gains, none.gains()).fetch(objective.predictions()).run()) {
                    System.arraycopy(StdArrays.array1dCopyOf((TInt32) result.get(0)), 0, predictions, start,
                            batch.length);
                }
            }
            session.save(checkpoint.prefix());
            return new TrainingRun(history, predictions);
        }
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
