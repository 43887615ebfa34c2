package io.edgeloop.modelserver;

import static io.edgeloop.modelserver.testing.HalfPlusTwo.CLASSIFY;
import static io.edgeloop.modelserver.testing.HalfPlusTwo.CLASSIFY_X2_TO_Y3;
import static io.edgeloop.modelserver.testing.HalfPlusTwo.MODEL_NAME;
import static io.edgeloop.modelserver.testing.HalfPlusTwo.PREDICT;
import static io.edgeloop.modelserver.testing.HalfPlusTwo.REGRESS;
import static io.edgeloop.modelserver.testing.HalfPlusTwo.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.modelserver.testing.HalfPlusTwo;
import io.edgeloop.modelserver.versions.VersionPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * The {@link HalfPlusTwo} fixture is TF Serving's {@code saved_model_half_plus_two_2_versions}: its SignatureDefs
 * as TF Serving's metadata JSON has them, parsed tf.Examples in, half plus two out, served by our server.
 */
class HalfPlusTwoTest {

    @TempDir
    static Path base;

    private static Path modelBase;
    private static ModelServer server;
    private static RestClient client;

    @BeforeAll
    static void serve() throws Exception {
        modelBase = HalfPlusTwo.twoVersions(base);
        // As http_rest_api_handler_test.cc: both folders on disk, only 123 loaded.
        server = ModelServer.start(ServerSettings.defaults(MODEL_NAME, modelBase).withRestPort(0)
                .withVersionPolicy(VersionPolicy.parse("specific:" + HalfPlusTwo.VERSION)));
        client = new RestClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void savedModelHasTfServingsSignatureDefsWithUnknownRankExamples() {
        try (SavedModelBundle bundle = SavedModelBundle.load(modelBase.resolve("00000123").toString())) {
            Map<String, SignatureDef> defs = bundle.metaGraphDef().getSignatureDefMap();
            assertThat(defs).containsOnlyKeys("serving_default", "classify_x_to_y", "regress_x_to_y",
                    "regress_x_to_y2", "regress_x2_to_y3", CLASSIFY_X2_TO_Y3);

            assertSignature(defs.get("serving_default"), PREDICT, "x", "x:0", "y", "y:0");
            assertSignature(defs.get("classify_x_to_y"), CLASSIFY, "inputs", "tf_example:0", "scores", "y:0");
            assertSignature(defs.get("regress_x_to_y"), REGRESS, "inputs", "tf_example:0", "outputs", "y:0");
            assertSignature(defs.get("regress_x_to_y2"), REGRESS, "inputs", "tf_example:0", "outputs", "y2:0");
            assertSignature(defs.get("regress_x2_to_y3"), REGRESS, "inputs", "x2:0", "outputs", "y3:0");
            assertSignature(defs.get(CLASSIFY_X2_TO_Y3), CLASSIFY, "inputs", "x2:0", "scores", "y3:0");

            TensorInfo tfExample = defs.get("classify_x_to_y").getInputsOrThrow("inputs");
            assertThat(tfExample.getDtype()).isEqualTo(DataType.DT_STRING);
            assertThat(tfExample.getTensorShape().getUnknownRank()).isTrue();
            assertThat(tfExample.getTensorShape().getDimCount()).isZero();
            TensorInfo x = defs.get("serving_default").getInputsOrThrow("x");
            assertThat(x.getDtype()).isEqualTo(DataType.DT_FLOAT);
            assertThat(x.getTensorShape().getUnknownRank()).isFalse();
            assertThat(x.getTensorShape().getDimList()).extracting(dim -> dim.getSize()).containsExactly(-1L, 1L);
        }
    }

    @Test
    void oneVersionModelHasTheFiveSignaturesOfTheCpuModel(@TempDir Path other) {
        Path model = HalfPlusTwo.oneVersion(other);
        try (SavedModelBundle bundle = SavedModelBundle.load(model.resolve("00000123").toString())) {
            assertThat(bundle.metaGraphDef().getSignatureDefMap().keySet())
                    .containsExactlyInAnyOrderElementsOf(HalfPlusTwo.SIGNATURES);
        }
    }

    @Test
    void classifySignatureParsesSerializedExamplesIntoHalfPlusTwo() {
        try (SavedModelBundle bundle = SavedModelBundle.load(modelBase.resolve("00000123").toString());
                TString examples = examples(example(1f, null), example(2f, 7f), example(5f, null));
                Result result = bundle.function("classify_x_to_y").call(Map.of("inputs", examples))) {
            TFloat32 scores = (TFloat32) result.get("scores").orElseThrow();
            assertThat(scores.shape()).isEqualTo(Shape.of(3, 1));
            assertThat(List.of(scores.getFloat(0, 0), scores.getFloat(1, 0), scores.getFloat(2, 0)))
                    .containsExactly(2.5f, 3.0f, 4.5f);
        }
    }

    @Test
    void missingX2TakesItsDefaultAndMissingXFailsInTensorFlow() {
        try (SavedModelBundle bundle = SavedModelBundle.load(modelBase.resolve("00000123").toString())) {
            try (TString examples = examples(example(1f, null), example(1f, 4f));
                    Result result = bundle.session().runner().feed("tf_example", examples).fetch("y3").run()) {
                TFloat32 y3 = (TFloat32) result.get(0);
                assertThat(List.of(y3.getFloat(0, 0), y3.getFloat(1, 0))).containsExactly(3.0f, 5.0f);
            }
            try (TString examples = examples(example(null, 4f))) {
                assertThatThrownBy(() -> bundle.function("regress_x_to_y").call(Map.of("inputs", examples)).close())
                        .isInstanceOf(TFInvalidArgumentException.class)
                        .hasMessageContaining("Feature: x (data type: float) is required but could not be found");
            }
        }
    }

    @Test
    void metadataListsEverySignatureWithItsMethodNameAndDtypes() {
        RestClient.Reply reply = client.get("/v1/models/" + MODEL_NAME + "/metadata");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode defs = reply.json().path("metadata").path("signature_def").path("signature_def");
        List<String> keys = new ArrayList<>();
        defs.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("serving_default", "classify_x_to_y", "regress_x_to_y",
                "regress_x_to_y2", "regress_x2_to_y3", CLASSIFY_X2_TO_Y3);
        assertThat(defs.path("serving_default").path("method_name").asText()).isEqualTo(PREDICT);
        assertThat(defs.path("classify_x_to_y").path("method_name").asText()).isEqualTo(CLASSIFY);
        assertThat(defs.path("regress_x_to_y2").path("method_name").asText()).isEqualTo(REGRESS);
        assertThat(defs.path("classify_x_to_y").path("inputs").path("inputs").path("dtype").asText())
                .isEqualTo("DT_STRING");
        assertThat(defs.path("classify_x_to_y").path("inputs").path("inputs").path("name").asText())
                .isEqualTo("tf_example:0");
        assertThat(defs.path("serving_default").path("outputs").path("y").path("dtype").asText())
                .isEqualTo("DT_FLOAT");
        assertThat(reply.json().path("model_spec").path("version").asText()).isEqualTo("123");
    }

    @Test
    void predictGivesHalfPlusTwoForEachInstance() {
        // TF Serving's quick start: [1.0, 2.0, 5.0] is fed as [3] although the signature says [-1,1].
        RestClient.Reply reply = client.post("/v1/models/" + MODEL_NAME + ":predict",
                "{\"instances\": [1.0, 2.0, 5.0]}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("predictions").toString()).isEqualTo("[2.5,3.0,4.5]");
    }

    private static TString examples(byte[]... serialized) {
        return TString.tensorOfBytes(Shape.of(serialized.length), DataBuffers.ofObjects(serialized));
    }

    private static void assertSignature(SignatureDef def, String methodName, String input, String inputTensor,
            String output, String outputTensor) {
        assertThat(def.getMethodName()).isEqualTo(methodName);
        assertThat(def.getInputsMap()).containsOnlyKeys(input);
        assertThat(def.getInputsOrThrow(input).getName()).isEqualTo(inputTensor);
        assertThat(def.getOutputsMap()).containsOnlyKeys(output);
        assertThat(def.getOutputsOrThrow(output).getName()).isEqualTo(outputTensor);
    }
}
