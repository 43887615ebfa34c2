package io.edgeloop.modelserver.grpc;

import io.edgeloop.modelserver.config.ModelConfigReloader;
import io.edgeloop.modelserver.inference.ApiError;
import io.grpc.stub.StreamObserver;
import tensorflow.serving.GetModelStatus.GetModelStatusRequest;
import tensorflow.serving.GetModelStatus.GetModelStatusResponse;
import tensorflow.serving.ModelManagement.ReloadConfigRequest;
import tensorflow.serving.ModelManagement.ReloadConfigResponse;
import tensorflow.serving.ModelServiceGrpc;
import tensorflow.serving.Status.StatusProto;

/**
 * {@code tensorflow.serving.ModelService}: GetModelStatus as TF Serving answers it, and HandleReloadConfigRequest for
 * the served model's version policy and labels (this server serves one model: a config naming another model or base
 * path is INVALID_ARGUMENT). As in TF Serving, a reload answers once the versions the new policy wants are loaded, and
 * lasts until the next reload or restart (or until the model config file changes).
 */
final class ModelService extends ModelServiceGrpc.ModelServiceImplBase {

    private final StatusReader statuses;
    private final ModelConfigReloader reloader;
    private final GrpcAnswers answers;

    ModelService(StatusReader statuses, ModelConfigReloader reloader, GrpcAnswers answers) {
        this.statuses = statuses;
        this.reloader = reloader;
        this.answers = answers;
    }

    @Override
    public void getModelStatus(GetModelStatusRequest request, StreamObserver<GetModelStatusResponse> observer) {
        answers.answer("GetModelStatus", request.getModelSpec().getName(), observer, () -> statuses.status(request));
    }

    @Override
    public void handleReloadConfigRequest(ReloadConfigRequest request, StreamObserver<ReloadConfigResponse> observer) {
        String model = request.getConfig().getModelConfigList().getConfigCount() == 1
                ? request.getConfig().getModelConfigList().getConfig(0).getName() : "";
        answers.answer("HandleReloadConfigRequest", model, observer, () -> {
            try {
                reloader.reload(request.getConfig());
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidArgument(e.getMessage());
            }
            return ReloadConfigResponse.newBuilder().setStatus(StatusProto.getDefaultInstance()).build();
        });
    }
}
