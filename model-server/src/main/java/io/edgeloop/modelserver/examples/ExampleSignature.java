package io.edgeloop.modelserver.examples;

import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;

/** A SignatureDef checked for one example-taking method: what to feed, what to fetch, how to read the result. */
interface ExampleSignature<R extends InferenceResult> {

    /** The graph tensor the serialized examples are fed to, e.g. {@code tf_example:0}. */
    String inputTensor();

    /** The graph tensors to fetch. */
    List<String> outputTensors();

    /**
     * The result read from the fetched tensors, checked as TF Serving checks them.
     *
     * @param fetched the fetched tensors by graph tensor name (at least {@link #outputTensors()})
     */
    R result(int examples, Map<String, Tensor> fetched);
}
