package io.edgeloop.modelserver.examples;

import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * A signature TF Serving can classify with (its PreProcessClassification): one input {@code inputs}, and
 * {@code classes} (DT_STRING) and/or {@code scores} (DT_FLOAT) outputs, each [batch, classes]. The method name
 * is not checked, as TF Serving does not by default: TF2 models export these under the predict method.
 */
final class ClassificationSignature implements ExampleSignature<ClassifyResult> {

    private final String inputTensor;
    private final String classesTensor;
    private final String scoresTensor;

    private ClassificationSignature(String inputTensor, String classesTensor, String scoresTensor) {
        this.inputTensor = inputTensor;
        this.classesTensor = classesTensor;
        this.scoresTensor = scoresTensor;
    }

    /** @throws ApiError TF Serving's INVALID_ARGUMENT when the signature does not have that form */
    static ClassificationSignature of(SignatureDef def) {
        if (def.getInputsCount() != 1) {
            throw ApiError.invalidArgument("Expected one input Tensor.");
        }
        if (def.getOutputsCount() != 1 && def.getOutputsCount() != 2) {
            throw ApiError.invalidArgument("Expected one or two output Tensors, found " + def.getOutputsCount());
        }
        TensorInfo input = def.getInputsMap().get("inputs");
        if (input == null) {
            throw ApiError.invalidArgument("No classification inputs found in SignatureDef: " + def);
        }
        TensorInfo classes = def.getOutputsMap().get("classes");
        TensorInfo scores = def.getOutputsMap().get("scores");
        if (classes == null && scores == null) {
            throw ApiError.invalidArgument("Expected classification signature outputs to contain at least one of "
                    + "\"classes\" or \"scores\". Signature was: " + def);
        }
        return new ClassificationSignature(input.getName(), classes == null ? null : classes.getName(),
                scores == null ? null : scores.getName());
    }

    @Override
    public String inputTensor() {
        return inputTensor;
    }

    /** Classes first, as TF Serving fetches them. */
    @Override
    public List<String> outputTensors() {
        List<String> names = new ArrayList<>(2);
        if (classesTensor != null) {
            names.add(classesTensor);
        }
        if (scoresTensor != null) {
            names.add(scoresTensor);
        }
        return names;
    }

    /** TF Serving's PostProcessClassificationResult. */
    @Override
    public ClassifyResult result(int examples, Map<String, Tensor> fetched) {
        Tensor classes = classesTensor == null ? null : fetched.get(classesTensor);
        Tensor scores = scoresTensor == null ? null : fetched.get(scoresTensor);
        check(classes, "classes", DataType.DT_STRING, examples);
        check(scores, "scores", DataType.DT_FLOAT, examples);
        if (classes != null && scores != null && classes.shape().get(1) != scores.shape().get(1)) {
            throw ApiError.invalidArgument("Tensors class and score should match in dim_size(1). Got "
                    + classes.shape().get(1) + " vs. " + scores.shape().get(1));
        }
        long count = (classes != null ? classes : scores).shape().get(1);
        List<List<ScoredLabel>> classifications = new ArrayList<>(examples);
        for (int i = 0; i < examples; i++) {
            List<ScoredLabel> labels = new ArrayList<>();
            for (long c = 0; c < count; c++) {
                String label = classes == null ? ""
                        : new String(((TString) classes).asBytes().getObject(i, c), StandardCharsets.UTF_8);
                float score = scores == null ? 0f : ((TFloat32) scores).getFloat(i, c);
                labels.add(new ScoredLabel(label, score));
            }
            classifications.add(labels);
        }
        return new ClassifyResult(classifications);
    }

    private static void check(Tensor tensor, String output, DataType dtype, int examples) {
        if (tensor == null) {
            return;
        }
        if (tensor.shape().numDimensions() != 2) {
            throw ApiError.invalidArgument("Expected Tensor shape: [batch_size num_classes] but got "
                    + TensorSpec.dimsText(tensor.shape().asArray()));
        }
        if (tensor.dataType() != dtype) {
            throw ApiError.invalidArgument("Expected " + output + " Tensor of " + dtype.name() + ". Got: "
                    + tensor.dataType().name());
        }
        if (tensor.shape().get(0) != examples) {
            throw ApiError.invalidArgument("Expected " + output + " output batch size of " + examples + ". Got: "
                    + tensor.shape().get(0));
        }
    }
}
