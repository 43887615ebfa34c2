package io.edgeloop.modelserver.examples;

import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.versions.ServedVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFUnimplementedException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.types.TString;

/**
 * One session run for any number of example signatures (TF Serving's PerformOneShotTensorComputation): the
 * examples fed to every distinct input, the union of the outputs fetched once, each signature's result read from
 * them; what TensorFlow refuses (a feature of the wrong type...) comes back as its error.
 */
final class ExampleRunner {

    /** The results in the order of the signatures. */
    List<InferenceResult> run(ServedVersion version, ExampleBatch examples,
            List<? extends ExampleSignature<?>> signatures) {
        if (examples.size() == 0) {
            throw ApiError.invalidArgument("Input is empty.");
        }
        SortedSet<String> inputs = new TreeSet<>();
        SortedSet<String> outputs = new TreeSet<>();
        for (ExampleSignature<?> signature : signatures) {
            inputs.add(signature.inputTensor());
            outputs.addAll(signature.outputTensors());
        }
        List<String> fetches = new ArrayList<>(outputs);
        try (TString serialized = examples.toTensor()) {
            Map<String, Tensor> feeds = new LinkedHashMap<>();
            inputs.forEach(input -> feeds.put(input, serialized));
            try (Result result = version.run(feeds, fetches)) {
                Map<String, Tensor> fetched = new HashMap<>();
                for (int i = 0; i < fetches.size(); i++) {
                    fetched.put(fetches.get(i), result.get(i));
                }
                List<InferenceResult> results = new ArrayList<>(signatures.size());
                for (ExampleSignature<?> signature : signatures) {
                    results.add(signature.result(examples.size(), fetched));
                }
                return results;
            }
        } catch (TFInvalidArgumentException | TFUnimplementedException | TensorFlowException e) {
            throw ApiError.fromTensorFlow(e);
        }
    }

    /** The result of one signature. */
    <R extends InferenceResult> R run(ServedVersion version, ExampleBatch examples, ExampleSignature<R> signature) {
        @SuppressWarnings("unchecked")
        R result = (R) run(version, examples, List.of(signature)).get(0);
        return result;
    }
}
