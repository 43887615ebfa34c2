package io.edgeloop.modelserver.grpc;

import io.grpc.stub.StreamObserver;
import tensorflow.serving.GetModelMetadata.GetModelMetadataRequest;
import tensorflow.serving.GetModelMetadata.GetModelMetadataResponse;
import tensorflow.serving.PredictionServiceGrpc;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;

/**
 * {@code tensorflow.serving.PredictionService}: Predict and GetModelMetadata as TF Serving answers them. Classify,
 * Regress and MultiInference answer UNIMPLEMENTED (the generated base's answer) until the tf.Example core serves them.
 */
final class PredictionService extends PredictionServiceGrpc.PredictionServiceImplBase {

    private final Predictor predictor;
    private final MetadataReader metadata;
    private final GrpcAnswers answers;

    PredictionService(Predictor predictor, MetadataReader metadata, GrpcAnswers answers) {
        this.predictor = predictor;
        this.metadata = metadata;
        this.answers = answers;
    }

    @Override
    public void predict(PredictRequest request, StreamObserver<PredictResponse> observer) {
        answers.answer("predict", request.getModelSpec().getName(), observer, () -> predictor.predict(request));
    }

    @Override
    public void getModelMetadata(GetModelMetadataRequest request, StreamObserver<GetModelMetadataResponse> observer) {
        answers.answer("GetModelMetadata", request.getModelSpec().getName(), observer,
                () -> metadata.metadata(request));
    }
}
