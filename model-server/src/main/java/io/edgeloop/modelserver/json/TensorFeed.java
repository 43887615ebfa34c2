package io.edgeloop.modelserver.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;

/** The input tensors of one call, by signature alias, closed together after the call. */
final class TensorFeed implements AutoCloseable {

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    TensorFeed(List<RequestTensor> inputs) {
        try {
            for (RequestTensor input : inputs) {
                tensors.put(input.spec().alias(), input.values().toTensor(input.dims()));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    Map<String, Tensor> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    @Override
    public void close() {
        tensors.values().forEach(Tensor::close);
    }
}
