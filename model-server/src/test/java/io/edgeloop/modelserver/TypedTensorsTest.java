package io.edgeloop.modelserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON to tensors and back for every supported dtype, on a real SavedModel ({@link TypedModel}): TF Serving's value
 * and shape rules, row and columnar answers with several outputs, bytes as base64, and the v2 datatypes.
 */
class TypedTensorsTest {

    private static final String MODEL = "typed";
    private static final String PREDICT = "/v1/models/" + MODEL + ":predict";

    @TempDir
    static Path base;

    private static ModelServer server;
    private static RestClient client;

    @BeforeAll
    static void serve() throws Exception {
        TypedModel.export(base.resolve("1"));
        server = ModelServer.start(ServerSettings.defaults(MODEL, base).withRestPort(0));
        client = new RestClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rowFormatWithNamedInputsOfSeveralDtypesAnswersAnObjectPerInstance() {
        RestClient.Reply reply = client.post(PREDICT, """
                {"instances": [{"x": [1.0, 2.0], "k": 5, "flag": true},
                               {"x": [3, 4], "k": -1, "flag": false}]}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(json("""
                {"predictions": [{"k1": 6, "not": false, "y": [2.5, 3.0]},
                                 {"k1": 0, "not": true, "y": [3.5, 4.0]}]}"""));
    }

    @Test
    void columnarFormatAnswersEveryOutputWhole() {
        RestClient.Reply reply = client.post(PREDICT, """
                {"inputs": {"x": [[1.0, 2.0], [0.5, -4]], "k": [5, 6], "flag": [true, true]}}""");

        assertThat(reply.json()).isEqualTo(json("""
                {"outputs": {"k1": [6, 7], "not": [false, false], "y": [[2.5, 3.0], [2.25, 0.0]]}}"""));
    }

    @Test
    void doublesAndInt32s() {
        RestClient.Reply reply = client.post(PREDICT, """
                {"signature_name": "numbers", "instances": [{"d": 0.1, "i": 2}, {"d": 1e300, "i": -7}]}""");

        assertThat(reply.json()).isEqualTo(json("""
                {"predictions": [{"d2": 0.2, "i3": 6}, {"d2": 2e300, "i3": -21}]}"""));
    }

    @Test
    void floatsComeBackAsTheirShortestDecimalAndNanAsTfServingWritesIt() {
        RestClient.Reply reply = client.post(PREDICT, """
                {"instances": [{"x": [NaN, 0.1], "k": 1, "flag": true}]}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("\"y\":[NaN,2.05]");
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedWithTfServingsMessages() {
        assertError("{\"instances\": [{\"x\": [1, 2], \"k\": 1.5, \"flag\": true}]}",
                "Failed to process element: 0 key: k of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: 1.5 "
                        + "Type: Number is not of expected type: int64");
        assertError("{\"instances\": [{\"x\": [1, 2], \"k\": 1, \"flag\": 1}]}",
                "Failed to process element: 0 key: flag of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: 1 "
                        + "Type: Number is not of expected type: bool");
        assertError("{\"instances\": [{\"x\": [\"a\", 2], \"k\": 1, \"flag\": true}]}",
                "Failed to process element: 0 key: x of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: \"a\" "
                        + "Type: String is not of expected type: float");
        assertError("{\"instances\": [{\"x\": [{\"b64\": \"\"}, 2], \"k\": 1, \"flag\": true}]}",
                "Failed to process element: 0 key: x of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: "
                        + "{\n    \"b64\": \"\"\n} Type: Object is not of expected type: float");
        assertError("{\"signature_name\": \"numbers\", \"inputs\": {\"d\": [1], \"i\": [3000000000]}}",
                "JSON Value: 3000000000 Type: Number is not of expected type: int32");
    }

    @Test
    void numbersAFloatCannotHoldExactlyAreRoundedAsTfServingRoundsThem() {
        // json_tensor.cc takes any JSON number for a float (GetFloat): 16777217 becomes 16777216.
        RestClient.Reply reply = client.post(PREDICT, "{\"instances\": [{\"x\": [16777217, 1], \"k\": 1, "
                + "\"flag\": true}]}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("\"y\":[8.38861e+06,2.5]");
    }

    @Test
    void shapesAreFedAsGivenForTheModelToDecide() {
        // TF Serving does not compare shapes with the signature's; this graph computes any shape of x.
        RestClient.Reply rows = client.post(PREDICT, "{\"instances\": [{\"x\": [1, 2, 3], \"k\": 1, "
                + "\"flag\": true}]}");
        RestClient.Reply columns = client.post(PREDICT, "{\"inputs\": {\"x\": [[[1, 2]]], \"k\": [1], "
                + "\"flag\": [true]}}");

        assertThat(rows.json().at("/predictions/0/y")).isEqualTo(json("[2.5, 3.0, 3.5]"));
        assertThat(columns.json().at("/outputs/y")).isEqualTo(json("[[[2.5, 3.0]]]"));
    }

    @Test
    void inputsThatDoNotMatchTheSignatureAreRefused() {
        assertError("{\"instances\": [[1, 2]]}", "instances is a plain list, but expecting list of objects as "
                + "multiple input tensors required as per tensorinfo_map");
        assertError("{\"instances\": [{\"x\": [1, 2], \"k\": 1}]}", "Failed to process element: 0 of 'instances' "
                + "list. JSON object: {\n    \"x\": [1, 2],\n    \"k\": 1\n} keys must be equal to: flag,k,x");
        assertError("{\"inputs\": [1, 2]}", "inputs is a plain value/list, but expecting an object as multiple "
                + "input tensors required as per tensorinfo_map");
        assertError("{\"inputs\": {\"x\": [[1, 2], [3]], \"k\": [1], \"flag\": [true]}}",
                "Encountered list at unexpected size: 1 at level: 1 expected size: 2");
        assertError("{\"inputs\": {\"x\": [[1, 2], 3], \"k\": [1], \"flag\": [true]}}",
                "JSON Value: 3 found at incorrect level: 2 in the JSON DOM. Expected at level: 2");
    }

    @Test
    void stringOutputsAreTextUnlessNamedBytesOrNotUtf8() {
        String notUtf8 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe});
        RestClient.Reply reply = client.post(PREDICT, "{\"signature_name\": \"strings\", \"instances\": "
                + "[\"héllo\", {\"b64\": \"" + notUtf8 + "\"}]}");

        assertThat(reply.json()).isEqualTo(json("{\"predictions\": ["
                + "{\"raw_bytes\": {\"b64\": \"" + Base64.getEncoder().encodeToString("héllo".getBytes(
                        StandardCharsets.UTF_8)) + "\"}, \"text\": \"héllo\"},"
                + "{\"raw_bytes\": {\"b64\": \"" + notUtf8 + "\"}, \"text\": {\"b64\": \"" + notUtf8 + "\"}}]}"));
    }

    @Test
    void rowAnswersNeedOutputsOfOneBatchSizeColumnarAnswersDoNot() {
        RestClient.Reply rows = client.post(PREDICT, "{\"signature_name\": \"uneven\", \"instances\": [1, 2]}");
        RestClient.Reply columns = client.post(PREDICT, "{\"signature_name\": \"uneven\", \"inputs\": [1, 2]}");

        assertThat(rows.status()).isEqualTo(400);
        assertThat(rows.error()).isEqualTo("Tensor name: twice has inconsistent batch size: 4 expecting: 2");
        assertThat(columns.json()).isEqualTo(json("{\"outputs\": {\"once\": [1.0, 2.0], \"twice\": [1.0, 2.0, 1.0, 2.0]}}"));
    }

    @Test
    void v2InferenceConvertsEachDatatype() {
        RestClient.Reply reply = client.post("/v2/models/" + MODEL + "/infer", """
                {"inputs": [{"name": "x", "shape": [2, 2], "datatype": "FP32", "data": [[1, 2], [3, 4]]},
                            {"name": "k", "shape": [2], "datatype": "INT64", "data": [5, 6]},
                            {"name": "flag", "shape": [2], "datatype": "BOOL", "data": [true, false]}]}""");

        assertThat(reply.json()).isEqualTo(json("""
                {"model_name": "typed", "model_version": "1", "outputs": [
                  {"name": "k1", "datatype": "INT64", "shape": [2], "data": [6, 7]},
                  {"name": "not", "datatype": "BOOL", "shape": [2], "data": [false, true]},
                  {"name": "y", "datatype": "FP32", "shape": [2, 2], "data": [2.5, 3.0, 3.5, 4.0]}]}"""));
    }

    @Test
    void v2BytesOutputsThatAreNotUtf8ComeBackInBase64() {
        String notUtf8 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff});
        RestClient.Reply reply = client.post("/v2/models/" + MODEL + "/infer", "{\"parameters\": {\"signature_name\": "
                + "\"strings\"}, \"outputs\": [{\"name\": \"text\"}], \"inputs\": [{\"name\": \"s\", \"shape\": [1], "
                + "\"datatype\": \"BYTES\", \"parameters\": {\"content_type\": \"base64\"}, \"data\": [\"" + notUtf8
                + "\"]}]}");

        assertThat(reply.json().get("outputs")).isEqualTo(json("[{\"name\": \"text\", \"datatype\": \"BYTES\", "
                + "\"shape\": [1], \"data\": [\"" + notUtf8 + "\"], \"parameters\": {\"content_type\": \"base64\"}}]"));
    }

    @Test
    void v2MetadataNamesTheDatatypesAndShapes() {
        assertThat(client.get("/v2/models/" + MODEL).json()).isEqualTo(json("""
                {"name": "typed", "versions": ["1"], "platform": "tensorflow_savedmodel",
                 "inputs": [{"name": "flag", "datatype": "BOOL", "shape": [-1]},
                            {"name": "k", "datatype": "INT64", "shape": [-1]},
                            {"name": "x", "datatype": "FP32", "shape": [-1, 2]}],
                 "outputs": [{"name": "k1", "datatype": "INT64", "shape": [-1]},
                             {"name": "not", "datatype": "BOOL", "shape": [-1]},
                             {"name": "y", "datatype": "FP32", "shape": [-1, 2]}]}"""));
    }

    private static void assertError(String body, String message) {
        RestClient.Reply reply = client.post(PREDICT, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo(message);
    }

    private static JsonNode json(String text) {
        try {
            return RestClient.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
