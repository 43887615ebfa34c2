package io.edgeloop.modelserver.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeloop.modelserver.inference.ApiError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * How classify and regress read a model's outputs, and what they refuse: classifier_test.cc and regressor_test.cc
 * cases (a fake session there) over a model built here whose signatures give outputs of every wrong kind; each
 * output ignores the examples' content and repeats one row per example.
 */
class OutputChecksTest {

    private static final String MODEL = "outputs";

    @TempDir
    static Path base;

    private static LoadedModel model;

    private final Classifier classifier = new Classifier();
    private final Regressor regressor = new Regressor();
    private final ExampleBatch two = ExampleBatch.of(List.of(new byte[0], new byte[0]));

    @BeforeAll
    static void load() {
        export(base.resolve(MODEL).resolve("1"));
        model = new LoadedModel(MODEL, base.resolve(MODEL));
    }

    @AfterAll
    static void unload() {
        model.close();
    }

    /** classifier_test.cc ExampleList: labels from classes, scores from scores, per example. */
    @Test
    void classesAndScores() {
        assertThat(classifier.classify(model.version(), "classes_and_scores", two).classifications()).containsExactly(
                List.of(new ScoredLabel("dos", .25f), new ScoredLabel("uno", .75f)),
                List.of(new ScoredLabel("dos", .25f), new ScoredLabel("uno", .75f)));
    }

    /** classifier_test.cc ClassesOnly: every score 0. */
    @Test
    void classesOnly() {
        assertThat(classifier.classify(model.version(), "classes_only", two).classifications().get(1))
                .containsExactly(new ScoredLabel("dos", 0f), new ScoredLabel("uno", 0f));
    }

    /** classifier_test.cc ClassesIncorrectTensorType. */
    @Test
    void classesIncorrectTensorType() {
        assertInvalid(() -> classifier.classify(model.version(), "classes_int", two),
                "Expected classes Tensor of DT_STRING. Got: DT_INT32");
    }

    /** classifier_test.cc MalformedScores: scores must be [batch, classes]. */
    @Test
    void malformedScores() {
        assertInvalid(() -> classifier.classify(model.version(), "scores_rank1", two),
                "Expected Tensor shape: [batch_size num_classes] but got [2]");
    }

    /** classifier_test.cc ScoresIncorrectTensorBatchSize. */
    @Test
    void scoresIncorrectTensorBatchSize() {
        assertInvalid(() -> classifier.classify(model.version(), "scores_one_row", two),
                "Expected scores output batch size of 2. Got: 1");
    }

    /** classifier_test.cc MismatchedNumberOfTensorClasses. */
    @Test
    void mismatchedNumberOfTensorClasses() {
        assertInvalid(() -> classifier.classify(model.version(), "mismatched", two),
                "Tensors class and score should match in dim_size(1). Got 2 vs. 3");
    }

    /** regressor_test.cc UnexpectedOutputTensorSize. */
    @Test
    void unexpectedOutputTensorSize() {
        assertInvalid(() -> regressor.regress(model.version(), "regress_one_row", two),
                "Input batch size did not match output batch size: 2 vs. 1");
        assertInvalid(() -> regressor.regress(model.version(), "regress_two_columns", two),
                "Expected output Tensor shape to be either [batch_size] or [batch_size, 1] but got [2,2]");
    }

    /** regressor_test.cc UnexpectedOutputTensorType. */
    @Test
    void unexpectedOutputTensorType() {
        assertInvalid(() -> regressor.regress(model.version(), "regress_int", two),
                "Expected output Tensor of DT_FLOAT.  Got: DT_INT32");
    }

    /** regressor_test.cc BasicExampleList with an output of shape [batch]. */
    @Test
    void regressionOutputOfRankOne() {
        assertThat(regressor.regress(model.version(), "regress_rank1", two).values()).containsExactly(.25f, .25f);
    }

    private static void assertInvalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(ApiError.class).hasMessage(message)
                .extracting(e -> ((ApiError) e).code()).isEqualTo("INVALID_ARGUMENT");
    }

    private static void export(Path dir) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TString> examples = tf.withName("tf_example").placeholder(TString.class);
            Operand<TInt32> perExample = tf.concat(List.of(tf.shape(examples), tf.constant(new int[] {1})),
                    tf.constant(0));
            Operand<TString> classes = tf.tile(tf.constant(Shape.of(1, 2),
                    DataBuffers.ofObjects("dos", "uno")), perExample);
            Operand<TFloat32> scores = tf.tile(tf.constant(new float[][] {{.25f, .75f}}), perExample);
            Operand<TFloat32> threeScores = tf.tile(tf.constant(new float[][] {{1f, 2f, 3f}}), perExample);
            Operand<TInt32> ints = tf.tile(tf.constant(new int[][] {{1, 2}}), perExample);
            Operand<TFloat32> oneRow = tf.constant(new float[][] {{.5f}});
            Operand<TFloat32> rank1 = tf.reshape(tf.slice(scores, tf.constant(new int[] {0, 0}),
                    tf.constant(new int[] {-1, 1})), tf.constant(new int[] {-1}));
            SavedModelBundle.exporter(dir.toString()).withSession(session).withSignatures(
                    classify("classes_and_scores", examples, classes, scores),
                    classify("classes_only", examples, classes, null),
                    classify("classes_int", examples, ints, null),
                    classify("scores_rank1", examples, null, rank1),
                    classify("scores_one_row", examples, null, oneRow),
                    classify("mismatched", examples, classes, threeScores),
                    regress("regress_one_row", examples, oneRow),
                    regress("regress_two_columns", examples, scores),
                    regress("regress_int", examples, tf.slice(ints, tf.constant(new int[] {0, 0}),
                            tf.constant(new int[] {-1, 1}))),
                    regress("regress_rank1", examples, rank1)).export();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Signature classify(String key, Operand<?> examples, Operand<?> classes, Operand<?> scores) {
        Signature.Builder builder = Signature.builder(key).methodName(InferenceTask.CLASSIFY)
                .input("inputs", examples);
        if (classes != null) {
            builder.output("classes", classes);
        }
        if (scores != null) {
            builder.output("scores", scores);
        }
        return builder.build();
    }

    private static Signature regress(String key, Operand<?> examples, Operand<?> outputs) {
        return Signature.builder(key).methodName(InferenceTask.REGRESS).input("inputs", examples)
                .output("outputs", outputs).build();
    }
}
