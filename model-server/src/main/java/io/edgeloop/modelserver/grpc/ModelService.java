package io.edgeloop.modelserver.grpc;

import io.grpc.stub.StreamObserver;
import tensorflow.serving.GetModelStatus.GetModelStatusRequest;
import tensorflow.serving.GetModelStatus.GetModelStatusResponse;
import tensorflow.serving.ModelServiceGrpc;

/**
 * {@code tensorflow.serving.ModelService}: GetModelStatus as TF Serving answers it; HandleReloadConfigRequest answers
 * UNIMPLEMENTED, as this server serves one model from its base path and takes no model config.
 */
final class ModelService extends ModelServiceGrpc.ModelServiceImplBase {

    private final StatusReader statuses;
    private final GrpcAnswers answers;

    ModelService(StatusReader statuses, GrpcAnswers answers) {
        this.statuses = statuses;
        this.answers = answers;
    }

    @Override
    public void getModelStatus(GetModelStatusRequest request, StreamObserver<GetModelStatusResponse> observer) {
        answers.answer("GetModelStatus", request.getModelSpec().getName(), observer, () -> statuses.status(request));
    }
}
