package io.edgeloop.modelserver.examples;

import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;

/**
 * A signature TF Serving can regress with (its PreProcessRegression): one input {@code inputs}, one output
 * {@code outputs} (DT_FLOAT, [batch] or [batch, 1]). The method name is not checked, as in TF Serving by default.
 */
final class RegressionSignature implements ExampleSignature<RegressResult> {

    private final String inputTensor;
    private final String outputTensor;

    private RegressionSignature(String inputTensor, String outputTensor) {
        this.inputTensor = inputTensor;
        this.outputTensor = outputTensor;
    }

    /** @throws ApiError TF Serving's INVALID_ARGUMENT when the signature does not have that form */
    static RegressionSignature of(SignatureDef def) {
        if (def.getInputsCount() != 1) {
            throw ApiError.invalidArgument("Expected one input Tensor.");
        }
        if (def.getOutputsCount() != 1) {
            throw ApiError.invalidArgument("Expected one output Tensor.");
        }
        TensorInfo input = def.getInputsMap().get("inputs");
        if (input == null) {
            throw ApiError.invalidArgument("No regression inputs found in SignatureDef: " + def);
        }
        TensorInfo output = def.getOutputsMap().get("outputs");
        if (output == null) {
            throw ApiError.invalidArgument("No regression outputs found in SignatureDef: " + def);
        }
        return new RegressionSignature(input.getName(), output.getName());
    }

    @Override
    public String inputTensor() {
        return inputTensor;
    }

    @Override
    public List<String> outputTensors() {
        return List.of(outputTensor);
    }

    /** TF Serving's PostProcessRegressionResult. */
    @Override
    public RegressResult result(int examples, Map<String, Tensor> fetched) {
        Tensor output = fetched.get(outputTensor);
        long[] dims = output.shape().asArray();
        if (!(dims.length == 1 || (dims.length == 2 && dims[1] == 1))) {
            throw ApiError.invalidArgument("Expected output Tensor shape to be either [batch_size] or "
                    + "[batch_size, 1] but got " + TensorSpec.dimsText(dims));
        }
        if (dims[0] != examples) {
            throw ApiError.invalidArgument("Input batch size did not match output batch size: " + examples + " vs. "
                    + dims[0]);
        }
        if (output.dataType() != DataType.DT_FLOAT) {
            throw ApiError.invalidArgument("Expected output Tensor of DT_FLOAT.  Got: " + output.dataType().name());
        }
        TFloat32 values = (TFloat32) output;
        List<Float> regressions = new ArrayList<>(examples);
        for (int i = 0; i < examples; i++) {
            regressions.add(dims.length == 1 ? values.getFloat(i) : values.getFloat(i, 0));
        }
        return new RegressResult(regressions);
    }
}
