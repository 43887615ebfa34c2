package io.edgeloop.trainer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Runs a per-image subgraph (decoding, or decoding plus fixed features) on every photo once, skipping and
 * counting the ones TensorFlow cannot decode. Image by image, so one broken upload costs only itself.
 */
final class ImageEncoder {

    /** The readable images, as vectors in the same order, and how many images were not readable. */
    record Encoded(List<LabelledImage> readable, Examples examples, int skipped) {

        /** The readable images and their vectors at {@code indexes}. */
        Encoded subset(int[] indexes) {
            return new Encoded(Arrays.stream(indexes).mapToObj(readable::get).toList(), examples.subset(indexes), 0);
        }
    }

    private ImageEncoder() {
    }

    /** {@code perImage} gets a [1] string tensor; {@code labels} gives each image's label index. */
    static Encoded encode(List<LabelledImage> images, List<String> labels,
            BiFunction<Ops, Operand<TString>, Operand<TFloat32>> perImage) {
        List<LabelledImage> readable = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<Integer> labelIndexes = new ArrayList<>();
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TString> input = tf.placeholder(TString.class, Placeholder.shape(Shape.of(1)));
            Operand<TFloat32> output = tf.reshape(perImage.apply(tf, input), tf.constant(new int[] {-1}));
            for (LabelledImage image : images) {
                try (TString bytes = TString.tensorOfBytes(NdArrays.vectorOfObjects(image.bytes()));
                        Result result = session.runner().feed(input, bytes).fetch(output).run()) {
                    vectors.add(StdArrays.array1dCopyOf((TFloat32) result.get(0)));
                    readable.add(image);
                    labelIndexes.add(labels.indexOf(image.label()));
                } catch (TFInvalidArgumentException | TensorFlowException unreadable) {
                    // Not an image TensorFlow can decode: training goes on without it.
                }
            }
        }
        int[] labelArray = labelIndexes.stream().mapToInt(Integer::intValue).toArray();
        return new Encoded(readable, new Examples(vectors.toArray(new float[0][]), labelArray),
                images.size() - readable.size());
    }
}
