package io.edgeloop.modelserver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.io.ParseExample;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * TF Serving's {@code half_plus_two} test models rebuilt with TensorFlow Java, so TF Serving's own test cases can be
 * run against this server: the graph, tensor names, signature keys, method names, dtypes and shapes of
 * {@code tensorflow_serving/servables/tensorflow/testdata/saved_model_half_plus_two*} (TF1 branch of
 * {@code saved_model_half_plus_two.py}), exported as a model repository {@code <base>/half_plus_two/<version>/}.
 *
 * <p>Graph: {@code tf_example} (string placeholder of unknown rank) is parsed by ParseExampleV2 into {@code x}
 * (feature {@code x}, float [1], required) and {@code x2} (feature {@code x2}, float [1], default 0.0), both [-1,1];
 * {@code y = a*x + b}, {@code y2 = a*x + c}, {@code y3 = a2*x2 + c2} with variables a = a2 = 0.5, b = 2, c = c2 = 3.
 */
public final class HalfPlusTwo {

    /** The model name TF Serving's docs and Camel's integration test use. */
    public static final String MODEL_NAME = "half_plus_two";
    /** The version of {@code saved_model_half_plus_two_cpu/00000123} and the one TF Serving's REST test loads. */
    public static final long VERSION = 123;
    /** The second folder of {@code saved_model_half_plus_two_2_versions}. */
    public static final long NEWER_VERSION = 124;

    public static final String PREDICT = "tensorflow/serving/predict";
    public static final String CLASSIFY = "tensorflow/serving/classify";
    public static final String REGRESS = "tensorflow/serving/regress";

    /** The five signatures of {@code saved_model_half_plus_two_cpu} (model {@code default} in TF Serving's tests). */
    public static final List<String> SIGNATURES = List.of(Signature.DEFAULT_KEY, "classify_x_to_y", "regress_x_to_y",
            "regress_x_to_y2", "regress_x2_to_y3");
    /** The sixth signature, only in {@code saved_model_half_plus_two_2_versions} (an older script wrote it). */
    public static final String CLASSIFY_X2_TO_Y3 = "classify_x2_to_y3";

    private HalfPlusTwo() {
    }

    /**
     * Like {@code saved_model_half_plus_two_cpu}: {@code <base>/half_plus_two/00000123} with the five
     * {@link #SIGNATURES}.
     *
     * @return the model base path, {@code <base>/half_plus_two}
     */
    public static Path oneVersion(Path base) {
        Path model = base.resolve(MODEL_NAME);
        export(model.resolve(folder(VERSION)), false);
        return model;
    }

    /**
     * Like {@code saved_model_half_plus_two_2_versions}: {@code <base>/half_plus_two/00000123} and {@code 00000124},
     * identical, each with the five {@link #SIGNATURES} plus {@link #CLASSIFY_X2_TO_Y3}.
     *
     * @return the model base path, {@code <base>/half_plus_two}
     */
    public static Path twoVersions(Path base) {
        Path model = base.resolve(MODEL_NAME);
        export(model.resolve(folder(VERSION)), true);
        export(model.resolve(folder(NEWER_VERSION)), true);
        return model;
    }

    /** One version folder ({@code saved_model.pb} + {@code variables/}). */
    public static void export(Path versionDir, boolean withClassifyX2ToY3) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TString> tfExample = tf.withName("tf_example").placeholder(TString.class); // unknown rank
            ParseExample parsed = tf.withName("ParseExample").io.parseExample(tfExample,
                    noStrings(tf),                                                  // names
                    noStrings(tf),                                                  // sparse_keys
                    tf.constant(StandardCharsets.UTF_8, new String[] {"x", "x2"}),  // dense_keys
                    noStrings(tf),                                                  // ragged_keys
                    List.of(tf.constant(new float[0]),                              // x: no default, required
                            tf.constant(new float[] {0f})),                         // x2: default [0.0]
                    0L, List.of(), List.of(), List.of(),
                    List.of(Shape.of(1), Shape.of(1)));

            Operand<TFloat32> a = tf.withName("a").variable(tf.constant(0.5f));
            Operand<TFloat32> b = tf.withName("b").variable(tf.constant(2f));
            Operand<TFloat32> c = tf.withName("c").variable(tf.constant(3f));
            Operand<TFloat32> a2 = tf.withName("a2").variable(tf.constant(0.5f));
            Operand<TFloat32> c2 = tf.withName("c2").variable(tf.constant(3f));

            Operand<TFloat32> x = tf.withName("x").identity(dense(tf, parsed, 0));
            Operand<TFloat32> y = tf.withName("y").identity(tf.math.add(tf.math.mul(a, x), b));
            Operand<TFloat32> y2 = tf.withName("y2").identity(tf.math.add(tf.math.mul(a, x), c));
            Operand<TFloat32> x2 = tf.withName("x2").identity(dense(tf, parsed, 1));
            Operand<TFloat32> y3 = tf.withName("y3").identity(tf.math.add(tf.math.mul(a2, x2), c2));
            session.initialize();

            List<Signature> signatures = new ArrayList<>(List.of(
                    signature(Signature.DEFAULT_KEY, PREDICT, "x", x, "y", y),
                    signature("classify_x_to_y", CLASSIFY, "inputs", tfExample, "scores", y),
                    signature("regress_x_to_y", REGRESS, "inputs", tfExample, "outputs", y),
                    signature("regress_x_to_y2", REGRESS, "inputs", tfExample, "outputs", y2),
                    signature("regress_x2_to_y3", REGRESS, "inputs", x2, "outputs", y3)));
            if (withClassifyX2ToY3) {
                signatures.add(signature(CLASSIFY_X2_TO_Y3, CLASSIFY, "inputs", x2, "scores", y3));
            }
            SavedModelBundle.exporter(versionDir.toString()).withSession(session)
                    .withSignatures(signatures.toArray(Signature[]::new)).export();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A serialized {@code tf.Example} with float features {@code x} and {@code x2} (each left out when null), what
     * the {@code tf_example} input takes.
     */
    public static byte[] example(Float x, Float x2) {
        Features.Builder features = Features.newBuilder();
        if (x != null) {
            features.putFeature("x", floats(x));
        }
        if (x2 != null) {
            features.putFeature("x2", floats(x2));
        }
        return Example.newBuilder().setFeatures(features).build().toByteArray();
    }

    /** TF Serving's folder name for a version, zero-padded as in its testdata. */
    public static String folder(long version) {
        return String.format("%08d", version);
    }

    private static Feature floats(float value) {
        return Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(value)).build();
    }

    /** An empty string vector ({@code tf.constant(charset, new String[0])} refuses zero length). */
    private static Operand<TString> noStrings(Ops tf) {
        return tf.constant(NdArrays.ofObjects(String.class, Shape.of(0)));
    }

    /**
     * A dense feature as [-1,1]: ParseExampleV2 on an input of unknown rank leaves its outputs' shapes unknown, while
     * TF Serving's model (parsed by the V1 op, which needs a vector) has [-1,1] for x and x2; EnsureShape states it.
     */
    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> dense(Ops tf, ParseExample parsed, int index) {
        return tf.ensureShape((Output<TFloat32>) parsed.denseValues().get(index), Shape.of(-1, 1));
    }

    private static Signature signature(String key, String methodName, String input, Operand<?> in, String output,
            Operand<?> out) {
        return Signature.builder(key).methodName(methodName).input(input, in).output(output, out).build();
    }
}
