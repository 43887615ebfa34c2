package io.edgeloop.modelserver.json;

import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.ModelSignature;
import io.edgeloop.modelserver.versions.ServedVersion;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFUnimplementedException;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Runs a signature of a leased version on a request's tensors and copies its outputs out, so that what TensorFlow
 * rejects (an image it cannot decode...) becomes TF Serving's error answer instead of a server error.
 */
public final class SignatureRunner {

    /** The signature's outputs, in name order. */
    public List<OutputValues> run(ServedVersion version, ModelSignature signature, List<RequestTensor> inputs) {
        try (TensorFeed feed = new TensorFeed(inputs);
                Result result = version.call(signature.key(), feed.tensors())) {
            List<OutputValues> outputs = new ArrayList<>();
            for (String alias : signature.outputs().keySet()) {
                Tensor tensor = result.get(alias).orElseThrow(() -> ApiError.internal("The model gave no output "
                        + alias + " for signature " + signature.key()));
                outputs.add(OutputValues.of(alias, tensor));
            }
            return outputs;
        } catch (TFInvalidArgumentException | TFUnimplementedException | TensorFlowException e) {
            throw ApiError.fromTensorFlow(e);
        }
    }
}
