package io.edgeloop.trainer.model;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Transfer learning from a frozen feature-vector SavedModel whose {@code serving_default} maps one encoded image
 * ([1] string) to features [1, D], like the ones {@link TrainedClassifier#exportFeatureExtractor} writes. Its
 * graph becomes a function that training and every export call, so the base runs identically in both.
 */
final class BaseModelExtractor implements FeatureExtractor {

    private final ConcreteFunction function;
    private final int dimension;

    private BaseModelExtractor(ConcreteFunction function, int dimension) {
        this.function = function;
        this.dimension = dimension;
    }

    static BaseModelExtractor load(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("The base-model extractor needs a SavedModel directory, got " + dir);
        }
        if (Files.exists(dir.resolve("variables").resolve("variables.index"))) {
            throw new IllegalArgumentException("Base model " + dir + " has variables; base-model needs a frozen "
                    + "feature extractor (weights as constants), such as TrainedClassifier.exportFeatureExtractor writes");
        }
        GraphDef graphDef;
        TensorInfo input;
        TensorInfo output;
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG)) {
            SignatureDef signature = bundle.metaGraphDef().getSignatureDefMap().get(Signature.DEFAULT_KEY);
            if (signature == null || signature.getInputsCount() != 1 || signature.getOutputsCount() != 1) {
                throw new IllegalArgumentException("Base model " + dir + " needs a serving_default signature with "
                        + "one input and one output");
            }
            graphDef = bundle.metaGraphDef().getGraphDef();
            input = signature.getInputsMap().values().iterator().next();
            output = signature.getOutputsMap().values().iterator().next();
        } catch (TFInvalidArgumentException | TensorFlowException e) {
            throw new IllegalArgumentException("Cannot load base model " + dir + ": " + e.getMessage(), e);
        }
        int dimension = featureDimension(output);
        if (input.getDtype() != DataType.DT_STRING || dimension <= 0) {
            throw new IllegalArgumentException("Base model " + dir + " must map encoded image bytes (DT_STRING) to "
                    + "features of shape [1, D] (DT_FLOAT, D known)");
        }
        try (Graph graph = new Graph()) {
            graph.importGraphDef(graphDef);
            Signature signature = Signature.builder().key("base_features")
                    .input("image", graph.outputOrThrow(input.getName()))
                    .output("features", graph.outputOrThrow(output.getName())).build();
            return new BaseModelExtractor(ConcreteFunction.create(signature, graph), dimension);
        }
    }

    private static int featureDimension(TensorInfo output) {
        var shape = output.getTensorShape();
        if (output.getDtype() != DataType.DT_FLOAT || shape.getUnknownRank() || shape.getDimCount() != 2) {
            return -1;
        }
        return (int) shape.getDim(1).getSize();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Operand<TFloat32> ofOne(Ops tf, Operand<TString> image, Parameters parameters) {
        // A function call's output has no static shape; signatures and the head want [1, D].
        return tf.reshape((Operand<TFloat32>) function.call(tf, image), tf.constant(new int[] {1, dimension}));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Operand<TFloat32> ofBatch(Ops tf, Operand<TString> images, Parameters parameters) {
        // The loop body is copied into the outer graph, which must know the function too.
        ((Graph) tf.scope().env()).attachFunction(function);
        return ImageLoop.map(tf, images, Shape.of(dimension), "base_features",
                (body, one) -> (Operand<TFloat32>) function.call(body, one));
    }

    @Override
    public void close() {
        function.close();
    }
}
