package io.edgeloop.trainer.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.dtypes.AsString;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * Writes SavedModels for TensorFlow Serving: a fresh inference graph (no optimizer, no training inputs) whose
 * variables are restored from the training checkpoint, exported with the {@code serve} tag.
 */
final class ServingExport {

    static final String PREDICT_METHOD = "tensorflow/serving/predict";
    static final String BATCH_SIGNATURE = "predict_batch";

    private ServingExport() {
    }

    /**
     * The classifier. {@code serving_default}: image_b64 [1] string -> output_0 [2] string = [label, probability
     * with 6 decimals], the original demo's contract. {@code predict_batch}: images [-1] string -> label [-1]
     * string, probability [-1] float, scores [-1, classes] float.
     */
    static void classifier(ClassifierNetwork network, Checkpoint checkpoint, Path dir) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Parameters parameters = new RestoredParameters();
            FeatureExtractor extractor = network.extractor();
            Operand<TString> labels = tf.constant(StandardCharsets.UTF_8, network.labels().toArray(String[]::new));

            Operand<TString> image = tf.withName("image_b64").placeholder(TString.class,
                    Placeholder.shape(Shape.of(1)));
            Operand<TFloat32> oneScores = tf.nn.softmax(network.logits(tf, extractor.ofOne(tf, image, parameters),
                    parameters));
            Operand<TString> oneLabel = tf.gather(labels, tf.math.argMax(oneScores, tf.constant(1), TInt32.class),
                    tf.constant(0));
            Operand<TString> oneProbability = tf.dtypes.asString(tf.max(oneScores, tf.constant(1)),
                    AsString.precision(6L));
            Operand<TString> output = tf.withName("output_0").concat(List.of(oneLabel, oneProbability),
                    tf.constant(0));

            Operand<TString> images = tf.withName("images").placeholder(TString.class,
                    Placeholder.shape(Shape.of(-1)));
            Operand<TFloat32> scores = tf.withName("scores").nn.softmax(network.logits(tf,
                    extractor.ofBatch(tf, images, parameters), parameters));
            Operand<TString> label = tf.withName("label").gather(labels,
                    tf.math.argMax(scores, tf.constant(1), TInt32.class), tf.constant(0));
            Operand<TFloat32> probability = tf.withName("probability").max(scores, tf.constant(1));

            session.restore(checkpoint.prefix());
            export(session, dir,
                    Signature.builder().key(Signature.DEFAULT_KEY).methodName(PREDICT_METHOD)
                            .input("image_b64", image).output("output_0", output).build(),
                    Signature.builder().key(BATCH_SIGNATURE).methodName(PREDICT_METHOD).input("images", images)
                            .output("label", label).output("probability", probability).output("scores", scores)
                            .build());
        }
    }

    /**
     * The frozen feature extractor, weights as constants, usable as a base model: {@code serving_default}:
     * image_b64 [1] string -> features [1, D] float.
     */
    static void featureExtractor(FeatureExtractor extractor, Checkpoint checkpoint, Path dir) {
        Map<String, TFloat32> values = trainedValues(extractor, checkpoint);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TString> image = tf.withName("image_b64").placeholder(TString.class,
                    Placeholder.shape(Shape.of(1)));
            Operand<TFloat32> features = tf.withName("features").identity(extractor.ofOne(tf, image,
                    new FrozenParameters(values)));
            export(session, dir, Signature.builder().key(Signature.DEFAULT_KEY).methodName(PREDICT_METHOD)
                    .input("image_b64", image).output("features", features).build());
        } finally {
            values.values().forEach(Tensor::close);
        }
    }

    /** The checkpoint's values of the extractor's own parameters (none for fixed extractors). */
    private static Map<String, TFloat32> trainedValues(FeatureExtractor extractor, Checkpoint checkpoint) {
        Map<String, TFloat32> values = new LinkedHashMap<>();
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Parameters parameters = new RestoredParameters();
            extractor.ofOne(tf, tf.placeholder(TString.class, Placeholder.shape(Shape.of(1))), parameters);
            if (parameters.created().isEmpty()) {
                return values;
            }
            session.restore(checkpoint.prefix());
            Session.Runner runner = session.runner();
            parameters.created().values().forEach(runner::fetch);
            try (Result result = runner.run()) {
                int i = 0;
                for (String name : parameters.created().keySet()) {
                    // Copy out of the Result, which closes its tensors.
                    TFloat32 value = (TFloat32) result.get(i++);
                    values.put(name, TFloat32.tensorOf(value.shape(), value::copyTo));
                }
            } catch (RuntimeException e) {
                values.values().forEach(Tensor::close);
                throw e;
            }
            return values;
        }
    }

    private static void export(Session session, Path dir, Signature... signatures) {
        try {
            SavedModelBundle.exporter(dir.toString()).withSession(session).withSignatures(signatures).export();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write SavedModel to " + dir, e);
        }
    }
}
