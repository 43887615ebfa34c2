package io.edgeloop.modelserver.examples;

/**
 * One task of a MultiInference request: TF Serving's {@code InferenceTask} (its model spec's name and signature
 * name, and the method).
 *
 * @param signatureName {@code ""} for {@code serving_default}
 * @param methodName {@code tensorflow/serving/classify} or {@code tensorflow/serving/regress}
 */
public record InferenceTask(String modelName, String signatureName, String methodName) {

    public static final String CLASSIFY = "tensorflow/serving/classify";
    public static final String REGRESS = "tensorflow/serving/regress";
}
