package io.edgeloop.modelserver.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.edgeloop.modelserver.ModelServer;
import io.edgeloop.modelserver.ServerSettings;
import io.edgeloop.modelserver.testing.TrainedModels;
import io.edgeloop.modelserver.testing.TrainedModels.Model;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.TensorProto;
import tensorflow.serving.FileSystemStoragePathSource.FileSystemStoragePathSourceConfig.ServableVersionPolicy;
import tensorflow.serving.GetModelStatus.GetModelStatusRequest;
import tensorflow.serving.GetModelStatus.ModelVersionStatus;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.ModelManagement.ReloadConfigRequest;
import tensorflow.serving.ModelServerConfigOuterClass.ModelConfig;
import tensorflow.serving.ModelServerConfigOuterClass.ModelConfigList;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;
import tensorflow.serving.ModelServiceGrpc;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.PredictionServiceGrpc;

/**
 * ModelService.HandleReloadConfigRequest over real gRPC, as TF Serving's {@code model_service_impl.cc} answers it: a
 * ModelConfigList whose version policy changes is applied before the call returns (GetModelStatus and Predict's
 * model_spec.version show it); a config this server cannot serve is INVALID_ARGUMENT and changes nothing.
 */
class ReloadConfigOverGrpcTest {

    @TempDir
    Path base;

    private ModelServer server;
    private ManagedChannel channel;

    @BeforeEach
    void serveTwoVersions() throws Exception {
        TrainedModels.install(base, 1, Model.TEA);
        TrainedModels.install(base, 2, Model.MINT);
        server = ModelServer.start(ServerSettings.defaults(TrainedModels.NAME, base).withRestPort(0));
        channel = Grpc.newChannelBuilder("localhost:" + server.grpcPort(), InsecureChannelCredentials.create()).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void aSpecificVersionPolicyServesThatVersionWhenTheCallReturns() {
        assertThat(predictedVersion()).isEqualTo(2);

        reload(config(TrainedModels.NAME, base, ServableVersionPolicy.newBuilder()
                .setSpecific(ServableVersionPolicy.Specific.newBuilder().addVersions(1)).build()));

        assertThat(predictedVersion()).isEqualTo(1);
        assertThat(states()).containsExactly(ModelVersionStatus.State.END, ModelVersionStatus.State.AVAILABLE);

        reload(config(TrainedModels.NAME, base, ServableVersionPolicy.newBuilder()
                .setLatest(ServableVersionPolicy.Latest.newBuilder().setNumVersions(1)).build()));

        assertThat(predictedVersion()).isEqualTo(2);
    }

    @Test
    void aConfigForAnotherModelIsInvalidArgumentAndChangesNothing() {
        ServableVersionPolicy first = ServableVersionPolicy.newBuilder()
                .setSpecific(ServableVersionPolicy.Specific.newBuilder().addVersions(1)).build();

        assertThatThrownBy(() -> reload(config("another_model", base, first)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                        .isEqualTo(Status.Code.INVALID_ARGUMENT))
                .hasMessageContaining("another_model");
        assertThatThrownBy(() -> reload(ModelServerConfig.getDefaultInstance()))
                .hasMessageContaining("Only ModelConfigList is currently supported");
        assertThat(predictedVersion()).isEqualTo(2);
    }

    private void reload(ModelServerConfig config) {
        assertThat(ModelServiceGrpc.newBlockingStub(channel)
                .handleReloadConfigRequest(ReloadConfigRequest.newBuilder().setConfig(config).build())
                .getStatus().getErrorCodeValue()).isZero();
    }

    private static ModelServerConfig config(String name, Path basePath, ServableVersionPolicy policy) {
        return ModelServerConfig.newBuilder().setModelConfigList(ModelConfigList.newBuilder().addConfig(
                ModelConfig.newBuilder().setName(name).setBasePath(basePath.toString()).setModelPlatform("tensorflow")
                        .setModelVersionPolicy(policy))).build();
    }

    private long predictedVersion() {
        return PredictionServiceGrpc.newBlockingStub(channel).predict(PredictRequest.newBuilder()
                .setModelSpec(ModelSpec.newBuilder().setName(TrainedModels.NAME))
                .putInputs("image_b64", TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                        .setTensorShape(Tensors.shape(1))
                        .addStringVal(ByteString.copyFrom(TrainedModels.photo(0))).build()).build())
                .getModelSpec().getVersion().getValue();
    }

    /** Highest version first, as GetModelStatus lists them. */
    private List<ModelVersionStatus.State> states() {
        return ModelServiceGrpc.newBlockingStub(channel).getModelStatus(GetModelStatusRequest.newBuilder()
                        .setModelSpec(ModelSpec.newBuilder().setName(TrainedModels.NAME)).build())
                .getModelVersionStatusList().stream().map(ModelVersionStatus::getState).toList();
    }
}
