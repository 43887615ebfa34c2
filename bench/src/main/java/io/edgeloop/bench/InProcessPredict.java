package io.edgeloop.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TString;

/**
 * The floor: the same SavedModel loaded in this JVM as the model server loads it (tag {@code serve}, default session
 * options) and called through TensorFlow Java ({@code SessionFunction.call}), the JPEG bytes of each request put
 * into a string tensor; no network, no serialization. An answer counts when it holds one prediction per image.
 */
final class InProcessPredict implements PredictPath {

    private final SavedModelBundle bundle;

    /** @param version the version folder ({@code <base>/1}) */
    InProcessPredict(Path version) {
        this.bundle = SavedModelBundle.loader(version.toString()).withTags("serve").load();
    }

    @Override
    public String name() {
        return "in-process";
    }

    @Override
    public LoadRun.Request requests(List<List<byte[]>> groups) {
        Signature signature = Signature.of(groups.get(0).size());
        SessionFunction function = bundle.function(signature.key());
        List<byte[][]> inputs = groups.stream().map(images -> images.toArray(byte[][]::new)).toList();
        return n -> {
            byte[][] images = inputs.get((int) (n % inputs.size()));
            try (TString input = TString.tensorOfBytes(Shape.of(images.length), DataBuffers.ofObjects(images));
                    Result result = function.call(Map.of(signature.input(), input))) {
                Tensor output = result.get(signature.checkedOutput()).orElse(null);
                if (output == null || output.shape().numDimensions() != 1
                        || output.shape().size(0) != signature.checkedSize()) {
                    throw new IllegalStateException("Unexpected answer: " + (output == null ? "no "
                            + signature.checkedOutput() : signature.checkedOutput() + " of shape " + output.shape()));
                }
            }
        };
    }

    @Override
    public void close() {
        bundle.close();
    }
}
