package io.edgeloop.modelserver.grpc;

import io.edgeloop.modelserver.examples.Classifier;
import io.edgeloop.modelserver.examples.ExampleBatch;
import io.edgeloop.modelserver.examples.InferenceResult;
import io.edgeloop.modelserver.examples.InferenceTask;
import io.edgeloop.modelserver.examples.MultiInference;
import io.edgeloop.modelserver.examples.Regressor;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.ServedVersion;
import java.util.List;
import tensorflow.serving.Classification.ClassificationRequest;
import tensorflow.serving.Classification.ClassificationResponse;
import tensorflow.serving.Inference.MultiInferenceRequest;
import tensorflow.serving.Inference.MultiInferenceResponse;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.RegressionOuterClass.RegressionRequest;
import tensorflow.serving.RegressionOuterClass.RegressionResponse;

/**
 * TF Serving's gRPC Classify, Regress and MultiInference ({@code classification_service.cc},
 * {@code regression_service.cc}, {@code multi_inference_helper.cc}): the servable looked up and leased as for
 * Predict, the request's Input handed to the shared tf.Example core, its results written back with the model_spec
 * that answered (the signature as requested, {@code serving_default} when none was).
 */
final class ExampleInference {

    private final ModelVersions versions;
    private final Classifier classifier = new Classifier();
    private final Regressor regressor = new Regressor();
    private final MultiInference multiInference = new MultiInference();

    ExampleInference(ModelVersions versions) {
        this.versions = versions;
    }

    ClassificationResponse classify(ClassificationRequest request) {
        ModelSpec spec = ModelSpecs.required(request.hasModelSpec(), request.getModelSpec());
        try (ServedVersion.Lease lease = acquire(spec)) {
            return ClassificationResponse.newBuilder()
                    .setResult(ExampleResultProtos.classification(classifier.classify(lease.version(),
                            spec.getSignatureName(), ExampleInputs.batch(request.getInput()))))
                    .setModelSpec(answered(spec, lease))
                    .build();
        }
    }

    RegressionResponse regress(RegressionRequest request) {
        ModelSpec spec = ModelSpecs.required(request.hasModelSpec(), request.getModelSpec());
        try (ServedVersion.Lease lease = acquire(spec)) {
            return RegressionResponse.newBuilder()
                    .setResult(ExampleResultProtos.regression(regressor.regress(lease.version(),
                            spec.getSignatureName(), ExampleInputs.batch(request.getInput()))))
                    .setModelSpec(answered(spec, lease))
                    .build();
        }
    }

    /**
     * The servable is the one the first task names (TF Serving's GetModelSpecFromRequest); with no task, or a first
     * task without model_spec, that is an empty spec, refused as {@code ModelSpec has no name specified.}. The core
     * checks that the other tasks name the same model.
     */
    MultiInferenceResponse multiInference(MultiInferenceRequest request) {
        ModelSpec spec = request.getTasksCount() > 0 ? request.getTasks(0).getModelSpec()
                : ModelSpec.getDefaultInstance();
        List<InferenceTask> tasks = request.getTasksList().stream().map(task -> new InferenceTask(
                task.getModelSpec().getName(), task.getModelSpec().getSignatureName(), task.getMethodName())).toList();
        ExampleBatch examples = ExampleInputs.batch(request.getInput());
        try (ServedVersion.Lease lease = acquire(spec)) {
            List<InferenceResult> results = multiInference.infer(lease.version(), tasks, examples);
            MultiInferenceResponse.Builder response = MultiInferenceResponse.newBuilder();
            for (int i = 0; i < results.size(); i++) {
                response.addResults(ExampleResultProtos.inference(results.get(i))
                        .setModelSpec(answered(request.getTasks(i).getModelSpec(), lease)));
            }
            return response.build();
        }
    }

    private ServedVersion.Lease acquire(ModelSpec spec) {
        return versions.acquire(ModelSpecs.modelName(spec), ModelSpecs.version(spec));
    }

    /** TF Serving's MakeModelSpec: the name and signature the request gave, the version that answered. */
    private static ModelSpec answered(ModelSpec requested, ServedVersion.Lease lease) {
        return ModelSpecs.answered(requested.getName(), ModelSpecs.signatureName(requested),
                lease.version().version());
    }
}
