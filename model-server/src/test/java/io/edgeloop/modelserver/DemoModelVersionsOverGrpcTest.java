package io.edgeloop.modelserver;

import static io.edgeloop.modelserver.grpc.CamelTfServingClient.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.edgeloop.modelserver.grpc.CamelTfServingClient;
import io.edgeloop.modelserver.grpc.Tensors;
import io.edgeloop.modelserver.testing.TrainedModels;
import io.edgeloop.modelserver.testing.TrainedModels.Model;
import io.grpc.Status;
import java.util.Map;
import org.apache.camel.component.tensorflow.serving.TensorFlowServingConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.SignatureDef;
import org.tensorflow.framework.TensorProto;
import tensorflow.serving.GetModelMetadata.GetModelMetadataResponse;
import tensorflow.serving.GetModelMetadata.SignatureDefMap;
import tensorflow.serving.GetModelStatus.GetModelStatusResponse;
import tensorflow.serving.GetModelStatus.ModelVersionStatus;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;

/**
 * The demo's model over gRPC through {@code camel-tensorflow-serving}: a photo's bytes as {@code image_b64}
 * (DT_STRING) in, {@code output_0} = [label, probability] out; the versions and labels of {@link TwoVersionsServed},
 * picked by number or label.
 */
class DemoModelVersionsOverGrpcTest extends TwoVersionsServed {

    private static final String PROBABILITY = "[01]\\.\\d{6}";

    private static CamelTfServingClient camel;

    @BeforeAll
    static void connect() throws Exception {
        camel = new CamelTfServingClient(server.grpcPort(), TrainedModels.NAME);
    }

    @AfterAll
    static void disconnect() {
        camel.close();
    }

    @Test
    void latestVersionAnswersLabelAndProbabilityAsStrings() {
        PredictResponse response = camel.reply("predict", photo(1), Map.of(), PredictResponse.class);

        assertThat(response.getModelSpec().getVersion().getValue()).isEqualTo(2);
        TensorProto output = response.getOutputsOrThrow("output_0");
        assertThat(output.getDtype()).isEqualTo(DataType.DT_STRING);
        assertThat(output.getTensorShape().getDimList()).extracting(dim -> dim.getSize()).containsExactly(2L);
        assertThat(output.getStringVal(0).toStringUtf8()).isIn(Model.MINT.labels);
        assertThat(output.getStringVal(1).toStringUtf8()).matches(PROBABILITY);
    }

    @Test
    void versionNumberPicksTheVersion() {
        PredictResponse response = camel.reply("predict", photo(0),
                Map.of(TensorFlowServingConstants.MODEL_VERSION, 1L), PredictResponse.class);

        assertThat(response.getModelSpec().getVersion().getValue()).isEqualTo(1);
        assertThat(response.getOutputsOrThrow("output_0").getStringVal(0).toStringUtf8()).isIn(Model.TEA.labels);
    }

    /** server_core.cc: a label is resolved to its number, which the answer's model_spec carries. */
    @Test
    void labelPicksTheVersionAndTheAnswerNamesItsNumber() {
        PredictResponse response = camel.reply("predict", photo(0),
                Map.of(TensorFlowServingConstants.MODEL_VERSION_LABEL, "stable"), PredictResponse.class);

        assertThat(response.getModelSpec().getVersion().getValue()).isEqualTo(1);
        assertThat(response.getModelSpec().getVersionLabel()).isEmpty();
        assertThat(response.getOutputsOrThrow("output_0").getStringVal(0).toStringUtf8()).isIn(Model.TEA.labels);
    }

    @Test
    void unknownLabelIsInvalid() {
        Status status = camel.failure("predict", photo(0),
                Map.of(TensorFlowServingConstants.MODEL_VERSION_LABEL, "nope"));

        assertStatus(status, Status.Code.INVALID_ARGUMENT, "Unrecognized servable version label: nope");
    }

    @Test
    void versionNotServedIsNotFound() {
        Status status = camel.failure("predict", photo(0), Map.of(TensorFlowServingConstants.MODEL_VERSION, 7L));

        assertStatus(status, Status.Code.NOT_FOUND, "Servable not found for request: Specific(tea_model_b64, 7)");
    }

    @Test
    void labelOfAVersionNotServedIsNotFound() {
        Status status = camel.failure("predict", photo(0),
                Map.of(TensorFlowServingConstants.MODEL_VERSION_LABEL, "future"));

        assertStatus(status, Status.Code.NOT_FOUND, "Servable not found for request: Specific(tea_model_b64, 9)");
    }

    @Test
    void statusListsEveryVersionHighestFirst() {
        GetModelStatusResponse status = camel.reply("model-status", null, Map.of(), GetModelStatusResponse.class);

        assertThat(status.getModelVersionStatusList()).extracting(ModelVersionStatus::getVersion)
                .containsExactly(2L, 1L);
        assertThat(status.getModelVersionStatusList()).extracting(ModelVersionStatus::getState)
                .containsOnly(ModelVersionStatus.State.AVAILABLE);
    }

    /** get_model_status_impl.cc reads the version number only: a label, even an unknown one, is ignored. */
    @Test
    void statusIgnoresTheLabel() {
        GetModelStatusResponse status = camel.reply("model-status", null,
                Map.of(TensorFlowServingConstants.MODEL_VERSION_LABEL, "nope"), GetModelStatusResponse.class);

        assertThat(status.getModelVersionStatusList()).extracting(ModelVersionStatus::getVersion)
                .containsExactly(2L, 1L);
    }

    @Test
    void metadataOfAVersionDescribesItsSignatures() throws Exception {
        GetModelMetadataResponse metadata = camel.reply("model-metadata", null,
                Map.of(TensorFlowServingConstants.MODEL_VERSION, 1L), GetModelMetadataResponse.class);

        assertThat(metadata.getModelSpec().getVersion().getValue()).isEqualTo(1);
        SignatureDef serving = metadata.getMetadataOrThrow("signature_def").unpack(SignatureDefMap.class)
                .getSignatureDefOrThrow("serving_default");
        assertThat(serving.getInputsOrThrow("image_b64").getDtype()).isEqualTo(DataType.DT_STRING);
        assertThat(serving.getOutputsOrThrow("output_0").getDtype()).isEqualTo(DataType.DT_STRING);
    }

    /** A photo as the demo's clients send it: its JPEG bytes, one DT_STRING element. */
    private static PredictRequest photo(int index) {
        return PredictRequest.newBuilder().putInputs("image_b64", TensorProto.newBuilder()
                .setDtype(DataType.DT_STRING).setTensorShape(Tensors.shape(1))
                .addStringVal(ByteString.copyFrom(TrainedModels.photo(index))).build()).build();
    }
}
