package io.edgeloop.modelserver.grpc;

import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.VersionStatus;
import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import org.tensorflow.framework.Code;
import tensorflow.serving.GetModelStatus.GetModelStatusRequest;
import tensorflow.serving.GetModelStatus.GetModelStatusResponse;
import tensorflow.serving.GetModelStatus.ModelVersionStatus;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Status.StatusProto;

/**
 * TF Serving's gRPC GetModelStatus ({@code get_model_status_impl.cc}): one version, or every version seen, highest
 * first, with its state and load error; unlike REST, the gRPC call ignores a version label.
 */
final class StatusReader {

    private final ModelVersions versions;

    StatusReader(ModelVersions versions) {
        this.versions = versions;
    }

    GetModelStatusResponse status(GetModelStatusRequest request) {
        ModelSpec spec = ModelSpecs.required(request.hasModelSpec(), request.getModelSpec());
        boolean known = versions.name().equals(spec.getName());
        List<VersionStatus> statuses;
        if (spec.hasVersion()) {
            long version = spec.getVersion().getValue();
            Optional<VersionStatus> status = known ? versions.status(version) : Optional.empty();
            statuses = List.of(status.orElseThrow(() -> GrpcErrors.of(Status.Code.NOT_FOUND, "Could not find version " + version
                            + " of model " + spec.getName())));
        } else {
            statuses = known ? versions.statuses() : List.of();
            if (statuses.isEmpty()) {
                throw GrpcErrors.of(Status.Code.NOT_FOUND, "Could not find any versions of model " + spec.getName());
            }
        }
        GetModelStatusResponse.Builder response = GetModelStatusResponse.newBuilder();
        for (VersionStatus status : statuses) {
            response.addModelVersionStatus(ModelVersionStatus.newBuilder()
                    .setVersion(status.version())
                    .setState(ModelVersionStatus.State.valueOf(status.state().name()))
                    .setStatus(StatusProto.newBuilder().setErrorCode(Code.valueOf(status.errorCode()))
                            .setErrorMessage(status.errorMessage())));
        }
        return response.build();
    }
}
