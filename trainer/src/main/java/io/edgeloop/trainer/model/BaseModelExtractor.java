package io.edgeloop.trainer.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.EncodePng;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Transfer learning from a feature-vector SavedModel as users download or export them: a TF2 / Keras export
 * with variables (restored, then frozen into constants) or a TF1-style frozen graph, whose signature takes
 * float pixels [N, H, W, 3] (size from the signature) or encoded image bytes, and gives features [N, D]. Its
 * graph becomes a function that training and every export call, so the base runs identically in both.
 */
final class BaseModelExtractor implements FeatureExtractor {

    /** How the signature takes images: float pixels of a fixed size, or encoded bytes (height 0). */
    private record Input(int height, int width, PixelRange range) {

        boolean encoded() {
            return height == 0;
        }
    }

    private final ConcreteFunction function;
    private final Input input;
    private final int dimension;

    private BaseModelExtractor(ConcreteFunction function, Input input, int dimension) {
        this.function = function;
        this.input = input;
        this.dimension = dimension;
    }

    /** @throws BaseModelException if the model does not load or has no usable signature */
    static BaseModelExtractor load(Path dir, BaseModelSignature wanted) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BaseModelException("The base-model extractor needs a SavedModel directory, got " + dir);
        }
        GraphDef frozen;
        TensorInfo in;
        TensorInfo out;
        Input input;
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG)) {
            Map<String, SignatureDef> signatures = bundle.metaGraphDef().getSignatureDefMap();
            SignatureDef signature = signatures.get(wanted.signature());
            if (signature == null) {
                throw new BaseModelException("Base model " + dir + " has no signature '" + wanted.signature()
                        + "'; it has " + signatures.keySet());
            }
            String where = "Base model " + dir + " signature '" + wanted.signature() + "'";
            if (signature.getInputsCount() != 1) {
                throw new BaseModelException(where + " takes " + signature.getInputsMap().keySet()
                        + "; it needs one image input");
            }
            in = signature.getInputsMap().values().iterator().next();
            input = input(in, wanted.range(), where);
            out = output(signature, wanted.output(), where);
            frozen = VariableFreezer.freeze(bundle.metaGraphDef().getGraphDef(), bundle.graph(), bundle.session(),
                    List.of(nodeName(in), nodeName(out)));
        } catch (TensorFlowException | IllegalArgumentException e) {
            // TensorFlow's invalid-argument errors are IllegalArgumentExceptions.
            throw new BaseModelException("Cannot load base model " + dir + ": " + e.getMessage(), e);
        }
        int dimension = (int) out.getTensorShape().getDim(1).getSize();
        try (Graph graph = new Graph()) {
            graph.importGraphDef(frozen);
            Signature signature = Signature.builder().key("base_features")
                    .input("image", graph.outputOrThrow(in.getName()))
                    .output("features", graph.outputOrThrow(out.getName())).build();
            return new BaseModelExtractor(ConcreteFunction.create(signature, graph), input, dimension);
        } catch (TensorFlowException | IllegalArgumentException e) {
            throw new BaseModelException("Cannot use base model " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A float [N, H, W, 3] input with H and W known, or a string vector of encoded images. */
    private static Input input(TensorInfo in, PixelRange range, String where) {
        TensorShapeProto shape = in.getTensorShape();
        if (in.getDtype() == DataType.DT_STRING && !shape.getUnknownRank() && shape.getDimCount() == 1) {
            return new Input(0, 0, range);
        }
        if (in.getDtype() == DataType.DT_FLOAT && !shape.getUnknownRank() && shape.getDimCount() == 4
                && shape.getDim(1).getSize() > 0 && shape.getDim(2).getSize() > 0 && shape.getDim(3).getSize() == 3) {
            return new Input((int) shape.getDim(1).getSize(), (int) shape.getDim(2).getSize(), range);
        }
        throw new BaseModelException(where + " takes " + describe(in) + "; it needs float pixels [N, H, W, 3] "
                + "with H and W known, or encoded image bytes (string [N])");
    }

    /** The named output, or the signature's only float [N, D] output; D must be known. */
    private static TensorInfo output(SignatureDef signature, String name, String where) {
        if (name != null) {
            TensorInfo named = signature.getOutputsMap().get(name);
            if (named == null) {
                throw new BaseModelException(where + " has no output '" + name + "'; it has "
                        + signature.getOutputsMap().keySet());
            }
            if (!isFeatureVector(named)) {
                throw new BaseModelException(where + " output '" + name + "' is " + describe(named)
                        + "; features must be float [N, D] with D known");
            }
            return named;
        }
        List<TensorInfo> candidates = signature.getOutputsMap().values().stream()
                .filter(BaseModelExtractor::isFeatureVector).toList();
        if (candidates.size() != 1) {
            throw new BaseModelException(where + " has " + candidates.size() + " float [N, D] outputs among "
                    + signature.getOutputsMap().keySet() + "; name the one to use with --base-model-output");
        }
        return candidates.get(0);
    }

    private static boolean isFeatureVector(TensorInfo tensor) {
        TensorShapeProto shape = tensor.getTensorShape();
        return tensor.getDtype() == DataType.DT_FLOAT && !shape.getUnknownRank() && shape.getDimCount() == 2
                && shape.getDim(1).getSize() > 0;
    }

    private static String describe(TensorInfo tensor) {
        TensorShapeProto shape = tensor.getTensorShape();
        return tensor.getDtype() + (shape.getUnknownRank() ? " of unknown shape"
                : " " + shape.getDimList().stream().map(d -> Long.toString(d.getSize())).toList());
    }

    private static String nodeName(TensorInfo tensor) {
        String name = tensor.getName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Operand<TFloat32> ofOne(Ops tf, Operand<TString> image, Parameters parameters) {
        if (input.encoded()) {
            return features(tf, image, 1);
        }
        return ofTransformed(tf, image, parameters, (ops, pixels) -> pixels);
    }

    @Override
    public Operand<TFloat32> ofTransformed(Ops tf, Operand<TString> image, Parameters parameters,
            PixelTransform transform) {
        if (input.encoded()) {
            // The base model decodes for itself: hand it the changed pixels re-encoded, losslessly.
            Operand<TFloat32> pixels = transform.apply(tf, tf.math.div(tf.dtypes.cast(
                    ImageDecoding.rgb(tf, image), TFloat32.class), tf.constant(255f)));
            Operand<TUint8> rgb = tf.dtypes.cast(tf.math.round(tf.math.mul(tf.clipByValue(pixels, tf.constant(0f),
                    tf.constant(1f)), tf.constant(255f))), TUint8.class);
            return features(tf, tf.reshape(tf.image.encodePng(rgb, EncodePng.compression(1L)),
                    tf.constant(new int[] {1})), 1);
        }
        Operand<TFloat32> pixels = transform.apply(tf, ImageDecoding.decode(tf, image, input.height(),
                input.width()));
        return features(tf, input.range().apply(tf, tf.expandDims(pixels, tf.constant(0))), 1);
    }

    @Override
    public Operand<TFloat32> ofBatch(Ops tf, Operand<TString> images, Parameters parameters) {
        if (input.encoded()) {
            // The loop body is copied into the outer graph, which must know the function too.
            ((Graph) tf.scope().env()).attachFunction(function);
            return ImageLoop.map(tf, images, Shape.of(dimension), "base_features",
                    (body, one) -> features(body, one, 1));
        }
        Operand<TFloat32> pixels = ImageLoop.map(tf, images, Shape.of(input.height(), input.width(), 3),
                "decode_images", (body, one) -> ImageDecoding.decode(body, one, input.height(), input.width()));
        return features(tf, input.range().apply(tf, pixels), -1);
    }

    /** The base model on its input, as [count, D]: a function call's output has no static shape. */
    @SuppressWarnings("unchecked")
    private Operand<TFloat32> features(Ops tf, Operand<?> in, int count) {
        return tf.reshape((Operand<TFloat32>) function.call(tf, in), tf.constant(new int[] {count, dimension}));
    }

    @Override
    public void close() {
        function.close();
    }
}
