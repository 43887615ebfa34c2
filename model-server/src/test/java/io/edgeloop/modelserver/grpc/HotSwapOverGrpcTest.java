package io.edgeloop.modelserver.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.edgeloop.modelserver.ModelServer;
import io.edgeloop.modelserver.ServerSettings;
import io.edgeloop.modelserver.testing.TrainedModels;
import io.edgeloop.modelserver.testing.TrainedModels.Model;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.TensorProto;
import tensorflow.serving.GetModelStatus.GetModelStatusRequest;
import tensorflow.serving.GetModelStatus.ModelVersionStatus;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.ModelServiceGrpc;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.PredictionServiceGrpc;

/** gRPC calls lease versions as REST requests do: a new version swaps in under load and no call fails. */
class HotSwapOverGrpcTest {

    @TempDir
    Path base;

    @Test
    void newVersionSwapsInWithoutFailingACall() throws Exception {
        TrainedModels.install(base, 1, Model.TEA);
        try (ModelServer server = ModelServer.start(ServerSettings.defaults(TrainedModels.NAME, base).withRestPort(0)
                .withPollWait(Duration.ofMillis(100)))) {
            ManagedChannel channel = Grpc.newChannelBuilder("localhost:" + server.grpcPort(),
                    InsecureChannelCredentials.create()).build();
            PredictionServiceGrpc.PredictionServiceBlockingStub predictions =
                    PredictionServiceGrpc.newBlockingStub(channel);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong lastVersion = new AtomicLong();
            ConcurrentLinkedQueue<StatusRuntimeException> failures = new ConcurrentLinkedQueue<>();
            Thread load = new Thread(() -> {
                while (running.get()) {
                    try {
                        lastVersion.set(predictions.predict(photo()).getModelSpec().getVersion().getValue());
                    } catch (StatusRuntimeException e) {
                        failures.add(e);
                    }
                }
            });
            load.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> lastVersion.get() == 1);
                TrainedModels.install(base, 2, Model.MINT);
                await().atMost(Duration.ofSeconds(20)).until(() -> lastVersion.get() == 2);
            } finally {
                running.set(false);
                load.join();
            }

            assertThat(failures).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> ModelServiceGrpc.newBlockingStub(channel)
                    .getModelStatus(GetModelStatusRequest.newBuilder()
                            .setModelSpec(ModelSpec.newBuilder().setName(TrainedModels.NAME)).build())
                    .getModelVersionStatusList().stream().map(ModelVersionStatus::getState).toList()
                    .equals(List.of(ModelVersionStatus.State.AVAILABLE, ModelVersionStatus.State.END)));
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static PredictRequest photo() {
        return PredictRequest.newBuilder().setModelSpec(ModelSpec.newBuilder().setName(TrainedModels.NAME))
                .putInputs("image_b64", TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                        .setTensorShape(Tensors.shape(1))
                        .addStringVal(ByteString.copyFrom(TrainedModels.photo(0))).build()).build();
    }
}
