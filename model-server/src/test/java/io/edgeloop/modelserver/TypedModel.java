package io.edgeloop.modelserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A small real SavedModel with inputs of every dtype the server converts, built with TensorFlow Java like TF
 * Serving's half_plus_two test model, to check the JSON conversions beyond the image classifier's strings.
 */
final class TypedModel {

    private TypedModel() {
    }

    /**
     * Signatures: {@code serving_default} x float [-1,2], k int64 [-1], flag bool [-1] -> y = x/2+2, k1 = k+1,
     * not = !flag; {@code numbers} d double [-1], i int32 [-1] -> d2 = 2d, i3 = 3i; {@code strings} s string [-1]
     * -> text = s, raw_bytes = s; {@code uneven} x float [-1] -> once = x, twice = x ++ x.
     */
    static void export(Path dir) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
            Operand<TInt64> k = tf.withName("k").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
            Operand<TBool> flag = tf.withName("flag").placeholder(TBool.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat32> y = tf.withName("y").math.add(tf.math.mul(x, tf.constant(0.5f)), tf.constant(2f));
            Operand<TInt64> k1 = tf.withName("k1").math.add(k, tf.constant(1L));
            Operand<TBool> not = tf.withName("not").math.logicalNot(flag);

            Operand<TFloat64> d = tf.withName("d").placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1)));
            Operand<TInt32> i = tf.withName("i").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat64> d2 = tf.withName("d2").math.mul(d, tf.constant(2.0));
            Operand<TInt32> i3 = tf.withName("i3").math.mul(i, tf.constant(3));

            Operand<TString> s = tf.withName("s").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
            Operand<TString> text = tf.withName("text").identity(s);
            Operand<TString> rawBytes = tf.withName("raw_bytes").identity(s);

            Operand<TFloat32> u = tf.withName("u").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat32> once = tf.withName("once").identity(u);
            Operand<TFloat32> twice = tf.withName("twice").concat(List.of(u, u), tf.constant(0));

            SavedModelBundle.exporter(dir.toString()).withSession(session).withSignatures(
                    Signature.builder().key(Signature.DEFAULT_KEY).methodName("tensorflow/serving/predict")
                            .input("x", x).input("k", k).input("flag", flag)
                            .output("y", y).output("k1", k1).output("not", not).build(),
                    Signature.builder().key("numbers").methodName("tensorflow/serving/predict")
                            .input("d", d).input("i", i).output("d2", d2).output("i3", i3).build(),
                    Signature.builder().key("strings").methodName("tensorflow/serving/predict")
                            .input("s", s).output("text", text).output("raw_bytes", rawBytes).build(),
                    Signature.builder().key("uneven").methodName("tensorflow/serving/predict")
                            .input("x", u).output("once", once).output("twice", twice).build())
                    .export();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
