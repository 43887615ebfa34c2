package io.edgeloop.modelserver.grpc;

import io.grpc.stub.StreamObserver;
import tensorflow.serving.Classification.ClassificationRequest;
import tensorflow.serving.Classification.ClassificationResponse;
import tensorflow.serving.GetModelMetadata.GetModelMetadataRequest;
import tensorflow.serving.GetModelMetadata.GetModelMetadataResponse;
import tensorflow.serving.Inference.MultiInferenceRequest;
import tensorflow.serving.Inference.MultiInferenceResponse;
import tensorflow.serving.PredictionServiceGrpc;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;
import tensorflow.serving.RegressionOuterClass.RegressionRequest;
import tensorflow.serving.RegressionOuterClass.RegressionResponse;

/**
 * {@code tensorflow.serving.PredictionService}: Predict, Classify, Regress, MultiInference and GetModelMetadata as
 * TF Serving answers them. Calls REST has too are counted under REST's API names (predict, classify, regress).
 */
final class PredictionService extends PredictionServiceGrpc.PredictionServiceImplBase {

    private final Predictor predictor;
    private final ExampleInference examples;
    private final MetadataReader metadata;
    private final GrpcAnswers answers;

    PredictionService(Predictor predictor, ExampleInference examples, MetadataReader metadata, GrpcAnswers answers) {
        this.predictor = predictor;
        this.examples = examples;
        this.metadata = metadata;
        this.answers = answers;
    }

    @Override
    public void predict(PredictRequest request, StreamObserver<PredictResponse> observer) {
        answers.answer("predict", request.getModelSpec().getName(), observer, () -> predictor.predict(request));
    }

    @Override
    public void classify(ClassificationRequest request, StreamObserver<ClassificationResponse> observer) {
        answers.answer("classify", request.getModelSpec().getName(), observer, () -> examples.classify(request));
    }

    @Override
    public void regress(RegressionRequest request, StreamObserver<RegressionResponse> observer) {
        answers.answer("regress", request.getModelSpec().getName(), observer, () -> examples.regress(request));
    }

    /** Counted under the first task's model, the one that answers. */
    @Override
    public void multiInference(MultiInferenceRequest request, StreamObserver<MultiInferenceResponse> observer) {
        String model = request.getTasksCount() > 0 ? request.getTasks(0).getModelSpec().getName() : "";
        answers.answer("MultiInference", model, observer, () -> examples.multiInference(request));
    }

    @Override
    public void getModelMetadata(GetModelMetadataRequest request, StreamObserver<GetModelMetadataResponse> observer) {
        answers.answer("GetModelMetadata", request.getModelSpec().getName(), observer,
                () -> metadata.metadata(request));
    }
}
