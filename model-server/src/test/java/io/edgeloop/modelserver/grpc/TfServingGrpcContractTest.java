package io.edgeloop.modelserver.grpc;

import static io.edgeloop.modelserver.grpc.CamelTfServingClient.assertStatus;
import static io.edgeloop.modelserver.grpc.Tensors.floats;
import static io.edgeloop.modelserver.grpc.Tensors.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.edgeloop.modelserver.testing.HalfPlusTwo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.apache.camel.component.tensorflow.serving.TensorFlowServingConstants;
import org.junit.jupiter.api.Test;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.SignatureDef;
import org.tensorflow.framework.TensorProto;
import tensorflow.serving.GetModelMetadata.GetModelMetadataRequest;
import tensorflow.serving.GetModelMetadata.GetModelMetadataResponse;
import tensorflow.serving.GetModelMetadata.SignatureDefMap;
import tensorflow.serving.GetModelStatus.GetModelStatusResponse;
import tensorflow.serving.GetModelStatus.ModelVersionStatus;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.ModelManagement.ReloadConfigRequest;
import tensorflow.serving.ModelServiceGrpc;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;
import tensorflow.serving.PredictionServiceGrpc;

/**
 * TF Serving's gRPC cases ({@code tensorflow_model_server_test.py}, its base {@code WaitForServerReady}, the
 * error texts of {@code predict_util.cc}, {@code get_model_metadata_impl.cc}, {@code get_model_status_impl.cc}) and
 * Camel's own {@code TensorFlowServingEndpointIT}, over {@code saved_model_half_plus_two_cpu} served as
 * {@code default}, version 123: through {@code camel-tensorflow-serving}, and the generated stub where Camel has no
 * API for the request.
 */
class TfServingGrpcContractTest extends HalfPlusTwoOverGrpc {

    /** testGetModelStatus: one version, 123, AVAILABLE, status OK. */
    @Test
    void getModelStatus() {
        GetModelStatusResponse status = camel.reply("model-status", null, NO_HEADERS, GetModelStatusResponse.class);

        assertThat(status.getModelVersionStatusList()).hasSize(1);
        ModelVersionStatus version = status.getModelVersionStatus(0);
        assertThat(version.getVersion()).isEqualTo(123);
        assertThat(version.getState()).isEqualTo(ModelVersionStatus.State.AVAILABLE);
        assertThat(version.getStatus().getErrorCodeValue()).isZero();
        assertThat(version.getStatus().getErrorMessage()).isEmpty();
    }

    /** testGetModelMetadata: model_spec default/123 and the SignatureDefMap packed under "signature_def". */
    @Test
    void getModelMetadata() throws Exception {
        GetModelMetadataResponse metadata = camel.reply("model-metadata", null, NO_HEADERS,
                GetModelMetadataResponse.class);

        assertThat(metadata.getModelSpec().getName()).isEqualTo(MODEL);
        assertThat(metadata.getModelSpec().getVersion().getValue()).isEqualTo(123);
        assertThat(metadata.getModelSpec().getSignatureName()).isEmpty();
        assertThat(metadata.getMetadataMap()).containsOnlyKeys("signature_def");
        assertThat(metadata.getMetadataOrThrow("signature_def").getTypeUrl())
                .isEqualTo("type.googleapis.com/tensorflow.serving.SignatureDefMap");
        Map<String, SignatureDef> signatures = metadata.getMetadataOrThrow("signature_def")
                .unpack(SignatureDefMap.class).getSignatureDefMap();
        assertThat(signatures.keySet()).containsExactlyInAnyOrderElementsOf(HalfPlusTwo.SIGNATURES);
        SignatureDef classify = signatures.get("classify_x_to_y");
        assertThat(classify.getMethodName()).isEqualTo(HalfPlusTwo.CLASSIFY);
        assertThat(classify.getInputsOrThrow("inputs").getName()).isEqualTo("tf_example:0");
        assertThat(classify.getInputsOrThrow("inputs").getTensorShape().getUnknownRank()).isTrue();
        assertThat(classify.getOutputsOrThrow("scores").getName()).isEqualTo("y:0");
        SignatureDef predict = signatures.get("serving_default");
        assertThat(predict.getInputsOrThrow("x").getDtype()).isEqualTo(DataType.DT_FLOAT);
        assertThat(predict.getInputsOrThrow("x").getTensorShape().getDimList())
                .extracting(dim -> dim.getSize()).containsExactly(-1L, 1L);
    }

    /** testPredictSavedModel, with output_filter ["y"]: x=[2.0] of shape [1] to a [-1,1] signature. */
    @Test
    void predictWithOutputFilter() {
        PredictResponse response = camel.reply("predict", PredictRequest.newBuilder()
                .putInputs("x", floats(new long[] {1}, 2f)).addOutputFilter("y").build(), NO_HEADERS,
                PredictResponse.class);

        assertHalfPlusTwo(response, 3f);
    }

    /** testPredictSavedModel, without output filter: every output of the signature. */
    @Test
    void predictWithoutOutputFilter() {
        PredictResponse response = camel.reply("predict", PredictRequest.newBuilder()
                .putInputs("x", floats(new long[] {1}, 2f)).build(), NO_HEADERS, PredictResponse.class);

        assertHalfPlusTwo(response, 3f);
    }

    /** VerifyPredictRequest(batch_input=True): x of shape [1,1] gives y of shape [1,1]. */
    @Test
    void predictBatchInput() {
        PredictResponse response = camel.reply("predict", PredictRequest.newBuilder()
                .putInputs("x", floats(new long[] {1, 1}, 2f)).build(), NO_HEADERS, PredictResponse.class);

        assertHalfPlusTwo(response, 3f);
        assertThat(response.getOutputsOrThrow("y").getTensorShape().getDimList())
                .extracting(dim -> dim.getSize()).containsExactly(1L, 1L);
    }

    /** tensorflow_model_server_test_client.py: x a scalar (no tensor_shape) gives a scalar y. */
    @Test
    void predictScalar() {
        PredictResponse response = camel.reply("predict", PredictRequest.newBuilder().putInputs("x", scalar(2f))
                .addOutputFilter("y").build(), NO_HEADERS, PredictResponse.class);

        assertHalfPlusTwo(response, 3f);
        assertThat(response.getOutputsOrThrow("y").getTensorShape().getDimCount()).isZero();
    }

    /** Camel's TensorFlowServingEndpointIT.testPredict_headers: x=[1,2,5] of shape [3], name and signature set. */
    @Test
    void predictThreeValuesWithHeaders() {
        PredictResponse response = camel.reply("predict", PredictRequest.newBuilder()
                .putInputs("x", floats(new long[] {3}, 1f, 2f, 5f)).build(),
                Map.of(TensorFlowServingConstants.MODEL_VERSION, 123L,
                        TensorFlowServingConstants.SIGNATURE_NAME, "serving_default"), PredictResponse.class);

        assertThat(response.getOutputsCount()).isEqualTo(1);
        assertThat(response.getOutputsOrThrow("y").getFloatValList()).containsExactly(2.5f, 3f, 4.5f);
    }

    /** TensorFlow's FromProtoField: fewer float_val than the shape holds repeats the last one. */
    @Test
    void predictRepeatsTheLastValueToFillTheShape() {
        PredictResponse response = camel.reply("predict", PredictRequest.newBuilder()
                .putInputs("x", floats(new long[] {3}, 2f)).build(), NO_HEADERS, PredictResponse.class);

        assertThat(response.getOutputsOrThrow("y").getFloatValList()).containsExactly(3f, 3f, 3f);
    }

    /** Inputs in tensor_content (as tf.make_tensor_proto sends them) are read; outputs still come as float_val. */
    @Test
    void predictReadsTensorContent() {
        ByteBuffer content = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(4f).putFloat(10f);
        TensorProto x = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(Tensors.shape(2, 1))
                .setTensorContent(ByteString.copyFrom(content.array())).build();

        PredictResponse response = camel.reply("predict", PredictRequest.newBuilder().putInputs("x", x).build(),
                NO_HEADERS, PredictResponse.class);

        assertThat(response.getOutputsOrThrow("y").getTensorContent()).isEmpty();
        assertThat(response.getOutputsOrThrow("y").getFloatValList()).containsExactly(4f, 7f);
    }

    /** Predict on a regress signature with a float input (regress_x2_to_y3): outputs keyed by alias. */
    @Test
    void predictOnRegressSignatureWithFloatInput() {
        PredictResponse response = camel.reply("predict", PredictRequest.newBuilder()
                .putInputs("inputs", floats(new long[] {1, 1}, 2f)).build(),
                Map.of(TensorFlowServingConstants.SIGNATURE_NAME, "regress_x2_to_y3"), PredictResponse.class);

        assertThat(response.getModelSpec().getSignatureName()).isEqualTo("regress_x2_to_y3");
        assertThat(response.getOutputsOrThrow("outputs").getFloatValList()).containsExactly(4f);
    }

    /** TF Serving's server takes messages up to INT32_MAX bytes; grpc-java's default would stop at 4 MiB. */
    @Test
    void predictTakesMessagesLargerThanFourMebibytes() {
        int count = 2_000_000;
        ByteBuffer content = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            content.putFloat(2f);
        }
        TensorProto x = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(Tensors.shape(count, 1))
                .setTensorContent(ByteString.copyFrom(content.array())).build();

        PredictResponse response = predictions().predict(PredictRequest.newBuilder()
                .setModelSpec(ModelSpec.newBuilder().setName(MODEL)).putInputs("x", x).build());

        assertThat(response.getOutputsOrThrow("y").getFloatValCount()).isEqualTo(count);
        assertThat(response.getOutputsOrThrow("y").getFloatVal(count - 1)).isEqualTo(3f);
    }

    /** WaitForServerReady: clients poll with a missing model until the answer names the Servable. */
    @Test
    void unknownModelIsNotFound() {
        Status status = camel.failure("predict", PredictRequest.getDefaultInstance(),
                Map.of(TensorFlowServingConstants.MODEL_NAME, "intentionally_missing_model"));

        assertStatus(status, Status.Code.NOT_FOUND, "Servable not found for request: Latest(intentionally_missing_model)");
    }

    /** predict_impl.cc: a request without model_spec. */
    @Test
    void predictWithoutModelSpecIsInvalid() {
        assertThatThrownBy(() -> predictions().predict(PredictRequest.newBuilder()
                .putInputs("x", scalar(2f)).build()))
                .satisfies(e -> assertStatus(Status.fromThrowable(e), Status.Code.INVALID_ARGUMENT,
                        "Missing ModelSpec"));
    }

    /** server_core.cc ServableRequestFromModelSpec: an empty model name. */
    @Test
    void predictWithoutModelNameIsInvalid() {
        assertThatThrownBy(() -> predictions().predict(PredictRequest.newBuilder()
                .setModelSpec(ModelSpec.newBuilder().setSignatureName("serving_default")).build()))
                .satisfies(e -> assertStatus(Status.fromThrowable(e), Status.Code.INVALID_ARGUMENT,
                        "ModelSpec has no name specified."));
    }

    /** predict_util.cc RunPredict: an unknown signature is FAILED_PRECONDITION. */
    @Test
    void unknownSignatureIsFailedPrecondition() {
        Status status = camel.failure("predict", PredictRequest.newBuilder()
                .putInputs("x", scalar(2f)).build(), Map.of(TensorFlowServingConstants.SIGNATURE_NAME, "nope"));

        assertStatus(status, Status.Code.FAILED_PRECONDITION, "Serving signature key \"nope\" not found.");
    }

    /** util.cc GetInputValues: the signature's input is not in the request. */
    @Test
    void wrongInputNameIsInvalid() {
        Status status = camel.failure("predict", PredictRequest.newBuilder()
                .putInputs("y", scalar(2f)).build(), NO_HEADERS);

        assertStatus(status, Status.Code.INVALID_ARGUMENT, "Signature input alias: x(feed name: x:0) not found in "
                + "request and no default value provided. Inputs expected to be in the request {y}, or default input "
                + "alias set: ");
    }

    /** predict_util.cc VerifyRequestInputsSize: more inputs than the signature has. */
    @Test
    void extraInputIsInvalid() {
        Status status = camel.failure("predict", PredictRequest.newBuilder()
                .putInputs("x", scalar(2f)).putInputs("z", scalar(1f)).build(), NO_HEADERS);

        assertStatus(status, Status.Code.INVALID_ARGUMENT, "input size does not match signature: 2!=1 len({x,z}) != "
                + "len({x}). Sent extra: {z}. Missing but required: {}.");
    }

    /** No dtype check before TensorFlow: it refuses an int64 fed to a float tensor (INVALID_ARGUMENT). */
    @Test
    void wrongDtypeIsRefusedByTensorFlow() {
        TensorProto x = TensorProto.newBuilder().setDtype(DataType.DT_INT64).setTensorShape(Tensors.shape(1))
                .addInt64Val(2).build();

        Status status = camel.failure("predict", PredictRequest.newBuilder().putInputs("x", x).build(), NO_HEADERS);

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("float").contains("int64");
    }

    /** TensorFlow's Tensor::FromProto: tensor_content of the wrong size. */
    @Test
    void unreadableTensorIsInvalid() {
        TensorProto x = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(Tensors.shape(2))
                .setTensorContent(ByteString.copyFrom(new byte[5])).build();

        Status status = camel.failure("predict", PredictRequest.newBuilder().putInputs("x", x).build(), NO_HEADERS);

        assertStatus(status, Status.Code.INVALID_ARGUMENT, "tensor parsing error: x");
    }

    /** predict_util.cc PreProcessPrediction: an output filter naming no output. */
    @Test
    void unknownOutputFilterIsInvalid() {
        Status status = camel.failure("predict", PredictRequest.newBuilder().putInputs("x", scalar(2f))
                .addOutputFilter("nope").build(), NO_HEADERS);

        assertStatus(status, Status.Code.INVALID_ARGUMENT, "output tensor alias not found in signature: nope "
                + "Outputs expected to be in the set {y}.");
    }

    /** predict_util.cc PreProcessPrediction: an output asked for twice. */
    @Test
    void duplicateOutputFilterIsInvalid() {
        Status status = camel.failure("predict", PredictRequest.newBuilder().putInputs("x", scalar(2f))
                .addOutputFilter("y").addOutputFilter("y").build(), NO_HEADERS);

        assertStatus(status, Status.Code.INVALID_ARGUMENT, "duplicate output tensor alias: y");
    }

    /** get_model_metadata_impl.cc: a request without metadata_field (Camel always adds signature_def). */
    @Test
    void metadataWithoutFieldIsInvalid() {
        assertThatThrownBy(() -> predictions().getModelMetadata(GetModelMetadataRequest.newBuilder()
                .setModelSpec(ModelSpec.newBuilder().setName(MODEL)).build()))
                .satisfies(e -> assertStatus(Status.fromThrowable(e), Status.Code.INVALID_ARGUMENT,
                        "GetModelMetadataRequest must specify at least one metadata_field"));
    }

    /** get_model_metadata_impl.cc: any field but signature_def. */
    @Test
    void unsupportedMetadataFieldIsInvalid() {
        Status status = camel.failure("model-metadata", GetModelMetadataRequest.newBuilder()
                .addMetadataField("foo").build(), NO_HEADERS);

        assertStatus(status, Status.Code.INVALID_ARGUMENT, "Metadata field foo is not supported");
    }

    /** get_model_status_impl.cc: a model never seen. */
    @Test
    void statusOfUnknownModelIsNotFound() {
        Status status = camel.failure("model-status", null,
                Map.of(TensorFlowServingConstants.MODEL_NAME, "nope"));

        assertStatus(status, Status.Code.NOT_FOUND, "Could not find any versions of model nope");
    }

    /** get_model_status_impl.cc: a version never seen. */
    @Test
    void statusOfUnknownVersionIsNotFound() {
        Status status = camel.failure("model-status", null, Map.of(TensorFlowServingConstants.MODEL_VERSION, 7L));

        assertStatus(status, Status.Code.NOT_FOUND, "Could not find version 7 of model default");
    }

    /** model_service_impl.cc: a config without a model_config_list is INVALID_ARGUMENT (ReloadConfigOverGrpcTest: the rest). */
    @Test
    void reloadConfigWithoutModelConfigListIsInvalidArgument() {
        assertThatThrownBy(() -> ModelServiceGrpc.newBlockingStub(channel)
                .handleReloadConfigRequest(ReloadConfigRequest.getDefaultInstance()))
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                .hasMessageContaining("Only ModelConfigList is currently supported");
    }

    /** grpc_status_util.cc ToGRPCStatus: messages longer than 1024 characters are cut. */
    @Test
    void longMessagesAreTruncatedAsTfServingDoes() {
        String name = "m".repeat(2000);

        Status status = camel.failure("predict", PredictRequest.getDefaultInstance(),
                Map.of(TensorFlowServingConstants.MODEL_NAME, name));

        String full = "Servable not found for request: Latest(" + name + ")";
        assertStatus(status, Status.Code.NOT_FOUND, full.substring(0, 1024) + "...TRUNCATED");
    }

    /** TF Serving counts gRPC requests under entrypoint GRPC, beside REST's. */
    @Test
    void grpcRequestsAreCountedInTheMetrics() throws Exception {
        camel.reply("predict", PredictRequest.newBuilder().putInputs("x", scalar(2f)).build(), NO_HEADERS,
                PredictResponse.class);
        camel.failure("predict", PredictRequest.getDefaultInstance(), Map.of(TensorFlowServingConstants.MODEL_NAME,
                "intentionally_missing_model"));

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + server.port() + "/monitoring/prometheus/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics).containsPattern(":tensorflow:serving:request_count\\{model_name=\"default\",API=\"predict\","
                + "entrypoint=\"GRPC\",status=\"OK\"} [1-9]")
                .containsPattern(":tensorflow:serving:request_count\\{model_name=\"unknown\",API=\"predict\","
                        + "entrypoint=\"GRPC\",status=\"NOT_FOUND\"} [1-9]")
                .contains(":tensorflow:serving:request_latency_count{model_name=\"default\",API=\"predict\","
                        + "entrypoint=\"GRPC\"}");
    }

    private static PredictionServiceGrpc.PredictionServiceBlockingStub predictions() {
        return PredictionServiceGrpc.newBlockingStub(channel);
    }

    /** VerifyPredictRequest's assertions. */
    private static void assertHalfPlusTwo(PredictResponse response, float expected) {
        assertThat(response.getOutputsMap()).containsKey("y");
        TensorProto y = response.getOutputsOrThrow("y");
        assertThat(y.getDtype()).isEqualTo(DataType.DT_FLOAT);
        assertThat(y.getFloatValList()).containsExactly(expected);
        assertThat(response.getModelSpec().getName()).isEqualTo(MODEL);
        assertThat(response.getModelSpec().getSignatureName()).isEqualTo("serving_default");
        assertThat(response.getModelSpec().getVersion().getValue()).isEqualTo(123);
    }
}
