package io.edgeloop.trainer.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * Base models built the way users get them, with TensorFlow Java: a small pooling + conv feature extractor
 * (4x4 average pooling, 3x3 conv with {@link #FEATURES} ReLU channels, global average pooling) exported as a
 * SavedModel, its weights either variables saved in {@code variables/} (like a Keras {@code model.export}) or
 * constants (a TF1 frozen graph). Small enough to run at 224x224 in a few seconds on 2 cores.
 */
public final class BaseModels {

    public static final int FEATURES = 16;

    private BaseModels() {
    }

    /**
     * Like a Keras export: {@code serving_default} takes {@code inputs} float [N, size, size, 3] and gives
     * {@code output_0} float [N, 16]; the conv weights are variables whose saved values differ from anything
     * in the graph (assigned after creation), so only restoring them gives working features.
     */
    public static void withVariables(Path dir, int size) {
        export(dir, (tf, session) -> {
            Variable<TFloat32> kernel = tf.withName("conv_kernel").variable(Shape.of(3, 3, 3, FEATURES),
                    TFloat32.class);
            Variable<TFloat32> bias = tf.withName("conv_bias").variable(Shape.of(FEATURES), TFloat32.class);
            session.run(tf.assign(kernel, tf.constant(kernelValues())));
            session.run(tf.assign(bias, tf.constant(biasValues())));
            Placeholder<TFloat32> inputs = tf.withName("serving_default_inputs").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, size, size, 3)));
            Operand<TFloat32> features = tf.withName("output_0").identity(features(tf, inputs, kernel, bias));
            return Signature.builder().key(Signature.DEFAULT_KEY).methodName(ServingExport.PREDICT_METHOD)
                    .input("inputs", inputs).output("output_0", features).build();
        });
    }

    /**
     * Laid out as {@code tf.saved_model.save} writes a Keras model, which TF Java's exporter cannot do: the
     * weights are resource variables ({@code VarHandleOp}) saved in {@code variables/} and restored by the
     * SaverDef's restore op, and {@code serving_default}'s output is a {@code StatefulPartitionedCall} of a
     * function that gets the variable handles as resource arguments and reads them inside.
     */
    public static void tf2Layout(Path dir, int size) {
        try (Graph graph = new Graph(); Session session = new Session(graph);
                ConcreteFunction function = ConcreteFunction.create(tf -> {
                    Placeholder<TFloat32> images = tf.withName("images").placeholder(TFloat32.class,
                            Placeholder.shape(Shape.of(-1, size, size, 3)));
                    Output<?> kernel = resourceArg(tf, "kernel");
                    Output<?> bias = resourceArg(tf, "bias");
                    Operand<TFloat32> features = tf.withName("features").identity(features(tf, images,
                            tf.readVariableOp(kernel, TFloat32.class), tf.readVariableOp(bias, TFloat32.class)));
                    return Signature.builder().key("__inference_model_42").input("images", images)
                            .input("kernel", kernel).input("bias", bias).output("features", features).build();
                })) {
            Ops tf = Ops.create(graph);
            Operand<?> kernel = tf.withName("conv_kernel").varHandleOp(TFloat32.class, Shape.of(3, 3, 3, FEATURES),
                    VarHandleOp.sharedName("conv_kernel"));
            Operand<?> bias = tf.withName("conv_bias").varHandleOp(TFloat32.class, Shape.of(FEATURES),
                    VarHandleOp.sharedName("conv_bias"));
            Placeholder<TFloat32> inputs = tf.withName("serving_default_inputs").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, size, size, 3)));
            tf.withName("StatefulPartitionedCall").statefulPartitionedCall(List.of(inputs, kernel, bias),
                    List.of(TFloat32.class), function);

            Placeholder<TString> filename = tf.withName("saver_filename").placeholder(TString.class);
            Operand<TString> names = tf.constant(NdArrays.vectorOfObjects("conv_kernel", "conv_bias"));
            Operand<TString> slices = tf.constant(NdArrays.vectorOfObjects("", ""));
            var save = tf.withName("save").train.save(filename, names, slices, List.of(
                    tf.readVariableOp(kernel, TFloat32.class), tf.readVariableOp(bias, TFloat32.class)));
            tf.withName("save_done").withControlDependencies(List.of(save)).identity(filename);
            var restored = tf.train.restore(filename, names, slices, List.of(TFloat32.class, TFloat32.class));
            var assignKernel = tf.assignVariableOp(kernel, restored.tensors().get(0));
            var assignBias = tf.assignVariableOp(bias, restored.tensors().get(1));
            tf.withName("restore_all").withControlDependencies(List.of(assignKernel, assignBias)).noOp();

            session.run(tf.assignVariableOp(kernel, tf.constant(kernelValues())));
            session.run(tf.assignVariableOp(bias, tf.constant(biasValues())));
            Files.createDirectories(dir.resolve("variables"));
            try (TString prefix = TString.scalarOf(dir.resolve("variables").resolve("variables").toString())) {
                session.runner().feed("saver_filename", prefix).addTarget("save").run();
            }

            TensorShapeProto.Builder in = TensorShapeProto.newBuilder();
            for (long dim : new long[] {-1, size, size, 3}) {
                in.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
            }
            TensorShapeProto.Builder out = TensorShapeProto.newBuilder()
                    .addDim(TensorShapeProto.Dim.newBuilder().setSize(-1))
                    .addDim(TensorShapeProto.Dim.newBuilder().setSize(FEATURES));
            SignatureDef serving = SignatureDef.newBuilder().setMethodName(ServingExport.PREDICT_METHOD)
                    .putInputs("inputs", TensorInfo.newBuilder().setName("serving_default_inputs:0")
                            .setDtype(DataType.DT_FLOAT).setTensorShape(in).build())
                    .putOutputs("output_0", TensorInfo.newBuilder().setName("StatefulPartitionedCall:0")
                            .setDtype(DataType.DT_FLOAT).setTensorShape(out).build())
                    .build();
            MetaGraphDef meta = MetaGraphDef.newBuilder()
                    .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags(SavedModelBundle.DEFAULT_TAG))
                    .setGraphDef(graph.toGraphDef())
                    .setSaverDef(SaverDef.newBuilder().setFilenameTensorName("saver_filename:0")
                            .setSaveTensorName("save_done:0").setRestoreOpName("restore_all")
                            .setVersion(SaverDef.CheckpointFormatVersion.V2))
                    .putSignatureDef(Signature.DEFAULT_KEY, serving).build();
            Files.write(dir.resolve("saved_model.pb"), SavedModel.newBuilder().setSavedModelSchemaVersion(1)
                    .addMetaGraphs(meta).build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Output<?> resourceArg(Ops tf, String name) {
        return tf.scope().env().opBuilder("Placeholder", name, tf.scope()).setAttr("dtype", DataType.DT_RESOURCE)
                .build().output(0);
    }

    /** A TF1-style frozen graph (no variables/ index) with a float [N, height, width, 3] input. */
    public static void frozen(Path dir, int height, int width) {
        export(dir, (tf, session) -> {
            Placeholder<TFloat32> images = tf.withName("images").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, height, width, 3)));
            Operand<TFloat32> features = tf.withName("feature_vector").identity(features(tf, images,
                    tf.constant(kernelValues()), tf.constant(biasValues())));
            return Signature.builder().key(Signature.DEFAULT_KEY).methodName(ServingExport.PREDICT_METHOD)
                    .input("images", images).output("feature_vector", features).build();
        });
    }

    /** serving_default takes int pixels: no usable input. */
    public static void intInput(Path dir) {
        export(dir, (tf, session) -> {
            Placeholder<TInt32> images = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 32, 32, 3)));
            Operand<TFloat32> features = features(tf, tf.dtypes.cast(images, TFloat32.class),
                    tf.constant(kernelValues()), tf.constant(biasValues()));
            return Signature.builder().key(Signature.DEFAULT_KEY).input("images", images)
                    .output("features", features).build();
        });
    }

    /** serving_default gives a feature map [N, H, W, C]: no rank-2 output. */
    public static void featureMapOutput(Path dir) {
        export(dir, (tf, session) -> {
            Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 32, 32, 3)));
            Operand<TFloat32> map = tf.nn.conv2d(images, tf.constant(kernelValues()), List.of(1L, 1L, 1L, 1L), "SAME");
            return Signature.builder().key(Signature.DEFAULT_KEY).input("images", images)
                    .output("feature_map", map).build();
        });
    }

    /** Declares features [N, 5] but cannot compute them: fails on every image at run time. */
    public static void failingAtRunTime(Path dir) {
        export(dir, (tf, session) -> {
            Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 32, 32, 3)));
            // 32 * 32 * 3 values per image do not split into rows of 5.
            Operand<TFloat32> features = tf.reshape(images, tf.constant(new int[] {-1, 5}));
            return Signature.builder().key(Signature.DEFAULT_KEY).input("images", images)
                    .output("features", features).build();
        });
    }

    private static Operand<TFloat32> features(Ops tf, Operand<TFloat32> images, Operand<TFloat32> kernel,
            Operand<TFloat32> bias) {
        Operand<TFloat32> pooled = tf.nn.avgPool(images, List.of(1L, 4L, 4L, 1L), List.of(1L, 4L, 4L, 1L), "VALID");
        Operand<TFloat32> conv = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(pooled, kernel, List.of(1L, 1L, 1L, 1L),
                "SAME"), bias));
        return tf.math.mean(conv, tf.constant(new int[] {1, 2}));
    }

    private static float[][][][] kernelValues() {
        Random random = new Random(11);
        float[][][][] kernel = new float[3][3][3][FEATURES];
        for (float[][][] row : kernel) {
            for (float[][] column : row) {
                for (float[] channel : column) {
                    for (int f = 0; f < FEATURES; f++) {
                        channel[f] = (float) random.nextGaussian() * 0.3f;
                    }
                }
            }
        }
        return kernel;
    }

    private static float[] biasValues() {
        float[] bias = new float[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            bias[f] = (f % 4 - 1.5f) * 0.1f;
        }
        return bias;
    }

    private static void export(Path dir, BiFunction<Ops, Session, Signature> build) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Signature signature = build.apply(Ops.create(graph), session);
            SavedModelBundle.exporter(dir.toString()).withSession(session).withSignature(signature).export();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
