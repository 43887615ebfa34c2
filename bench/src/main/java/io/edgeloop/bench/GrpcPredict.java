package io.edgeloop.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.TensorProto;
import org.tensorflow.framework.TensorShapeProto;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;
import tensorflow.serving.PredictionServiceGrpc;

/**
 * Predictions over TF Serving's gRPC API with its own stub ({@code tensorflow.serving.PredictionService/Predict}, the
 * generated classes of camel-tensorflow-serving): the JPEG bytes as a DT_STRING tensor, one channel (one HTTP/2
 * connection, as gRPC clients share it) for all clients; an answer counts when it is OK with one prediction per
 * image.
 */
final class GrpcPredict implements PredictPath {

    private final ManagedChannel channel;
    private final String model;

    /** @param target the server's gRPC address, host:port */
    GrpcPredict(String target, String model) {
        this.channel = NettyChannelBuilder.forTarget(target).usePlaintext().maxInboundMessageSize(Integer.MAX_VALUE)
                .build();
        this.model = model;
    }

    @Override
    public String name() {
        return "gRPC";
    }

    @Override
    public LoadRun.Request requests(List<List<byte[]>> groups) {
        Signature signature = Signature.of(groups.get(0).size());
        List<PredictRequest> requests = groups.stream().map(images -> request(signature, images)).toList();
        PredictionServiceGrpc.PredictionServiceBlockingStub stub = PredictionServiceGrpc.newBlockingStub(channel);
        return n -> check(signature, stub.withDeadlineAfter(60, TimeUnit.SECONDS)
                .predict(requests.get((int) (n % requests.size()))));
    }

    private PredictRequest request(Signature signature, List<byte[]> images) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder()
                        .setSize(images.size())));
        images.forEach(image -> tensor.addStringVal(ByteString.copyFrom(image)));
        return PredictRequest.newBuilder()
                .setModelSpec(ModelSpec.newBuilder().setName(model).setSignatureName(signature.key()))
                .putInputs(signature.input(), tensor.build()).build();
    }

    /** A failed call throws (StatusRuntimeException); an OK one must hold the checked output, one value per image. */
    private static void check(Signature signature, PredictResponse response) {
        TensorProto output = response.getOutputsOrDefault(signature.checkedOutput(), null);
        if (output == null || output.getStringValCount() != signature.checkedSize()) {
            throw new IllegalStateException("Unexpected answer: " + response);
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
