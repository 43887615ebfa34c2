package io.edgeloop.trainer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Runs a per-image subgraph (decoding, or decoding plus features) on every photo once. An image TensorFlow
 * cannot decode is skipped with its reason, so one broken upload costs only itself; an extractor that fails on
 * the first image that decodes is broken itself, and stops the run.
 */
final class ImageEncoder {

    /** The readable images, as vectors in the same order, and the images left out. */
    record Encoded(List<LabelledImage> readable, Examples examples, List<SkippedImage> skipped) {

        /** The readable images and their vectors at {@code indexes}. */
        Encoded subset(int[] indexes) {
            return new Encoded(Arrays.stream(indexes).mapToObj(readable::get).toList(), examples.subset(indexes),
                    List.of());
        }
    }

    private ImageEncoder() {
    }

    /**
     * {@code perImage} gets a [1] string tensor; {@code labels} gives each image's label index.
     *
     * @throws BaseModelException if {@code perImage} fails on the first image that decodes
     */
    static Encoded encode(List<LabelledImage> images, List<String> labels,
            BiFunction<Ops, Operand<TString>, Operand<TFloat32>> perImage) {
        List<LabelledImage> readable = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<Integer> labelIndexes = new ArrayList<>();
        List<SkippedImage> skipped = new ArrayList<>();
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TString> input = tf.placeholder(TString.class, Placeholder.shape(Shape.of(1)));
            Operand<?> decodes = tf.shape(ImageDecoding.rgb(tf, input));
            Operand<TFloat32> output;
            try {
                output = tf.reshape(perImage.apply(tf, input), tf.constant(new int[] {-1}));
            } catch (RuntimeException failed) {
                // Shape inference already knows the extractor cannot run on one image.
                throw new BaseModelException("The feature extractor fails on the first image: "
                        + tensorFlowError(failed).getMessage(), failed);
            }
            for (LabelledImage image : images) {
                try (TString bytes = TString.tensorOfBytes(NdArrays.vectorOfObjects(image.bytes()))) {
                    try (Result decoded = session.runner().feed(input, bytes).fetch(decodes).run()) {
                        // Decodes: whatever fails now is the extractor's doing.
                    } catch (RuntimeException unreadable) {
                        skipped.add(new SkippedImage(image.key(), "not an image TensorFlow can decode: "
                                + firstLine(tensorFlowError(unreadable))));
                        continue;
                    }
                    try (Result result = session.runner().feed(input, bytes).fetch(output).run()) {
                        vectors.add(StdArrays.array1dCopyOf((TFloat32) result.get(0)));
                        readable.add(image);
                        labelIndexes.add(labels.indexOf(image.label()));
                    } catch (RuntimeException failed) {
                        if (readable.isEmpty()) {
                            throw new BaseModelException("The feature extractor fails on the first image, "
                                    + image.key() + ", which decodes: " + tensorFlowError(failed).getMessage(), failed);
                        }
                        skipped.add(new SkippedImage(image.key(), "the feature extractor fails on it: "
                                + firstLine(tensorFlowError(failed))));
                    }
                }
            }
        }
        int[] labelArray = labelIndexes.stream().mapToInt(Integer::intValue).toArray();
        return new Encoded(readable, new Examples(vectors.toArray(new float[0][]), labelArray), List.copyOf(skipped));
    }

    /**
     * {@code e} if TensorFlow raised it (its exceptions extend TensorFlowException, IllegalArgumentException or
     * other JDK exceptions), else rethrown: a bug of ours must not pass for a bad image.
     */
    private static RuntimeException tensorFlowError(RuntimeException e) {
        if (!e.getClass().getPackageName().equals(TensorFlowException.class.getPackageName())) {
            throw e;
        }
        return e;
    }

    private static String firstLine(RuntimeException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
