package io.edgeloop.modelserver.examples;

import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.versions.ServedVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.proto.SignatureDef;

/**
 * TF Serving's MultiInference (multi_inference.cc): several classify and regress signatures of one model evaluated
 * on the same examples in a single session run.
 */
public final class MultiInference {

    private final ExampleRunner runner = new ExampleRunner();

    /**
     * @param version the version the first task's model spec names (TF Serving looks the servable up by it)
     * @return one result per task, in task order ({@link ClassifyResult} or {@link RegressResult})
     * @throws ApiError TF Serving's error: a task without a model name, tasks naming different models, a signature
     *         asked twice or missing, a method other than classify or regress (UNIMPLEMENTED), a signature that
     *         does not fit its method, an empty batch, or what TensorFlow refuses
     */
    public List<InferenceResult> infer(ServedVersion version, List<InferenceTask> tasks, ExampleBatch examples) {
        String modelName = "";
        Set<String> keys = new HashSet<>();
        List<ExampleSignature<?>> signatures = new ArrayList<>(tasks.size());
        for (InferenceTask task : tasks) {
            if (task.modelName().isEmpty()) {
                throw ApiError.invalidArgument("Found ModelSpec with an empty model name.");
            }
            if (modelName.isEmpty()) {
                modelName = task.modelName();
            } else if (!modelName.equals(task.modelName())) {
                throw ApiError.invalidArgument("All ModelSpecs in a MultiInferenceRequest must access the same "
                        + "model name.");
            }
            String key = SignatureLookup.key(task.signatureName());
            if (!keys.add(key)) {
                throw ApiError.invalidArgument("Duplicate evaluation of signature: " + key);
            }
            SignatureDef def = SignatureLookup.find(version, key, "Requested signature not found in model graph: ");
            signatures.add(switch (task.methodName()) {
                case InferenceTask.CLASSIFY -> ClassificationSignature.of(def);
                case InferenceTask.REGRESS -> RegressionSignature.of(def);
                default -> throw ApiError.unimplemented("Unsupported signature method_name: " + task.methodName());
            });
        }
        return runner.run(version, examples, signatures);
    }
}
