package io.edgeloop.modelserver;

import static io.edgeloop.modelserver.RestClient.assertError;
import static io.edgeloop.modelserver.RestClient.b64;
import static io.edgeloop.modelserver.RestClient.oneImage;
import static io.edgeloop.modelserver.testing.TrainedModels.NAME;
import static io.edgeloop.modelserver.testing.TrainedModels.photo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.modelserver.json.JsonText;
import io.edgeloop.modelserver.testing.TrainedModels;
import io.edgeloop.modelserver.testing.TrainedModels.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TF Serving's REST API as documented (tensorflow.org/tfx/serving/api_rest) and implemented (json_tensor.cc,
 * http_rest_api_handler.cc): status, metadata and predict in both formats, by version and label, and its errors.
 * Version 1 is the TEA classifier, version 2 the MINT one, both served (policy all).
 */
class TfServingApiTest extends TwoVersionsServed {

    private static final String PREDICT = "/v1/models/" + NAME + ":predict";
    private static final String PROBABILITY = "[01]\\.\\d{6}";

    @Test
    void rowFormatWithB64AnswersLabelAndProbabilityLikeTheOriginalDemo() {
        RestClient.Reply reply = client.post(PREDICT, oneImage(photo(1)));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode predictions = reply.json().get("predictions");
        assertThat(reply.json().size()).isEqualTo(1);
        assertThat(predictions).hasSize(2);
        assertThat(predictions.get(0).asText()).isIn(Model.MINT.labels);
        assertThat(predictions.get(1).asText()).matches(PROBABILITY);
    }

    @Test
    void columnarFormatAnswersOutputs() {
        RestClient.Reply reply = client.post(PREDICT, "{\"inputs\": [{\"b64\": \"" + b64(photo(1)) + "\"}]}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("outputs").get(0).asText()).isIn(Model.MINT.labels);
        assertThat(reply.json().get("outputs").get(1).asText()).matches(PROBABILITY);
    }

    @Test
    void namedInputsAreAcceptedInBothFormats() {
        String image = "{\"b64\": \"" + b64(photo(2)) + "\"}";

        RestClient.Reply rows = client.post(PREDICT, "{\"instances\": [{\"image_b64\": " + image + "}]}");
        RestClient.Reply columns = client.post(PREDICT, "{\"inputs\": {\"image_b64\": [" + image + "]}}");

        assertThat(rows.status()).isEqualTo(200);
        assertThat(columns.status()).isEqualTo(200);
        assertThat(rows.json().get("predictions")).isEqualTo(columns.json().get("outputs"));
    }

    @Test
    void batchSignatureAnswersOneObjectPerInstance() {
        RestClient.Reply reply = client.post("/v1/models/" + NAME + "/versions/1:predict",
                "{\"signature_name\": \"predict_batch\", \"instances\": " + images(0, 1, 2) + "}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode predictions = reply.json().get("predictions");
        assertThat(predictions).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode row = predictions.get(i);
            assertThat(row.get("label").asText()).isIn(Model.TEA.labels);
            assertThat(row.get("probability").isNumber()).isTrue();
            assertThat(row.get("scores")).hasSize(Model.TEA.labels.size());
            List<String> single = labelAndProbability(client.post("/v1/models/" + NAME + "/versions/1:predict",
                    oneImage(photo(i))));
            assertThat(row.get("label").asText()).isEqualTo(single.get(0));
            assertThat(row.get("probability").asDouble()).isCloseTo(Double.parseDouble(single.get(1)),
                    offset(1e-5));
        }
    }

    @Test
    void batchSignatureInColumnarFormatAnswersEachOutputWhole() {
        RestClient.Reply reply = client.post(PREDICT,
                "{\"signature_name\": \"predict_batch\", \"inputs\": {\"images\": " + images(0, 1) + "}}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode outputs = reply.json().get("outputs");
        assertThat(outputs.get("label")).hasSize(2);
        assertThat(outputs.get("probability")).hasSize(2);
        assertThat(outputs.get("scores")).hasSize(2);
        assertThat(outputs.get("scores").get(0)).hasSize(Model.MINT.labels.size());
    }

    @Test
    void versionAndLabelRoutesReachThatVersion() {
        assertThat(labelAndProbability(client.post("/v1/models/" + NAME + "/versions/1:predict", oneImage(photo(0))))
                .get(0)).isIn(Model.TEA.labels);
        assertThat(labelAndProbability(client.post("/v1/models/" + NAME + "/versions/2:predict", oneImage(photo(0))))
                .get(0)).isIn(Model.MINT.labels);
        assertThat(labelAndProbability(client.post("/v1/models/" + NAME + "/labels/stable:predict",
                oneImage(photo(0)))).get(0)).isIn(Model.TEA.labels);
        assertThat(labelAndProbability(client.post("/v1/models/" + NAME + "/labels/canary:predict",
                oneImage(photo(0)))).get(0)).isIn(Model.MINT.labels);
    }

    @Test
    void statusListsEveryVersionHighestFirst() {
        RestClient.Reply reply = client.get("/v1/models/" + NAME);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(RestClient.JSON.createObjectNode().set("model_version_status",
                RestClient.JSON.createArrayNode().add(available("2")).add(available("1"))));
    }

    @Test
    void statusOfOneVersionOrEveryVersionForALabel() {
        JsonNode one = RestClient.JSON.createObjectNode().set("model_version_status",
                RestClient.JSON.createArrayNode().add(available("1")));
        JsonNode all = RestClient.JSON.createObjectNode().set("model_version_status",
                RestClient.JSON.createArrayNode().add(available("2")).add(available("1")));

        assertThat(client.get("/v1/models/" + NAME + "/versions/1").json()).isEqualTo(one);
        // TF Serving's GetModelStatus ignores a label (get_model_status_impl.cc reads only the version).
        assertThat(client.get("/v1/models/" + NAME + "/labels/stable").json()).isEqualTo(all);
    }

    @Test
    void metadataDescribesTheSignaturesOfTheLatestVersion() throws Exception {
        RestClient.Reply reply = client.get("/v1/models/" + NAME + "/metadata");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode expectedDefault = RestClient.JSON.readTree("""
                {"inputs": {"image_b64": {"dtype": "DT_STRING",
                   "tensor_shape": {"dim": [{"size": "1", "name": ""}], "unknown_rank": false},
                   "name": "image_b64:0"}},
                 "outputs": {"output_0": {"dtype": "DT_STRING",
                   "tensor_shape": {"dim": [{"size": "2", "name": ""}], "unknown_rank": false},
                   "name": "output_0:0"}},
                 "method_name": "tensorflow/serving/predict", "defaults": {}}""");
        assertThat(reply.json().get("model_spec")).isEqualTo(RestClient.JSON.readTree(
                "{\"name\": \"" + NAME + "\", \"signature_name\": \"\", \"version\": \"2\"}"));
        JsonNode signatures = reply.json().at("/metadata/signature_def/signature_def");
        assertThat(signatures.get("serving_default")).isEqualTo(expectedDefault);
        assertThat(signatures.at("/predict_batch/outputs/scores/tensor_shape/dim/1/size").asText())
                .isEqualTo(Integer.toString(Model.MINT.labels.size()));
        assertThat(signatures.at("/predict_batch/inputs/images/tensor_shape/dim/0/size").asText()).isEqualTo("-1");
    }

    @Test
    void metadataOfAVersionOrLabel() {
        assertThat(client.get("/v1/models/" + NAME + "/versions/1/metadata").json().at("/model_spec/version")
                .asText()).isEqualTo("1");
        assertThat(client.get("/v1/models/" + NAME + "/labels/canary/metadata").json().at("/model_spec/version")
                .asText()).isEqualTo("2");
    }

    @Test
    void unknownModelVersionOrLabelAreAnsweredLikeTfServing() {
        assertError(client.post("/v1/models/nope:predict", oneImage(photo(0))), 404,
                "Servable not found for request: Latest(nope)");
        assertError(client.post("/v1/models/" + NAME + "/versions/7:predict", oneImage(photo(0))), 404,
                "Servable not found for request: Specific(" + NAME + ", 7)");
        assertError(client.post("/v1/models/" + NAME + "/labels/nope:predict", oneImage(photo(0))), 400,
                "Unrecognized servable version label: nope");
        assertError(client.post("/v1/models/" + NAME + "/labels/future:predict", oneImage(photo(0))), 404,
                "Servable not found for request: Specific(" + NAME + ", 9)");
        assertError(client.get("/v1/models/nope"), 404, "Could not find any versions of model nope");
        assertError(client.get("/v1/models/" + NAME + "/versions/7"), 404,
                "Could not find version 7 of model " + NAME);
        assertError(client.get("/v1/models/nope/metadata"), 404, "Servable not found for request: Latest(nope)");
        assertError(client.get("/v1/models/" + NAME + "/versions/7/metadata"), 404,
                "Servable not found for request: Specific(" + NAME + ", 7)");
    }

    @Test
    void malformedBodiesAreBadRequests() {
        assertThat(client.post(PREDICT, "{\"instances\": [").status()).isEqualTo(400);
        assertThat(client.post(PREDICT, "{\"instances\": [").error()).startsWith("JSON Parse error: ");
        assertError(client.post(PREDICT, ""), 400, "JSON Parse error: The document is empty");
        assertError(client.post(PREDICT, "[1, 2]"), 400, "JSON Value: [1, 2] Is not object");
        assertError(client.post(PREDICT, "{}"), 400, "Missing 'inputs' or 'instances' key");
        assertError(client.post(PREDICT, "{\"instances\": [], \"inputs\": []}"), 400,
                "JSON Value: {\n    \"instances\": [],\n    \"inputs\": []\n} Not formatted correctly expecting only one of "
                        + "'inputs' or 'instances' keys to exist ");
        assertError(client.post(PREDICT, "{\"instances\": {\"b64\": \"\"}}"), 400,
                "JSON Value: {\n    \"instances\": {\n        \"b64\": \"\"\n    }\n} Expecting 'instances' to be an list/array");
        assertError(client.post(PREDICT, "{\"instances\": []}"), 400,
                "JSON Value: {\n    \"instances\": []\n} No values in 'instances' array");
        assertError(client.post(PREDICT, "{\"signature_name\": 7, \"instances\": []}"), 400,
                "JSON Value: {\n    \"signature_name\": 7,\n    \"instances\": []\n} not formatted correctly. 'signature_name' key "
                        + "must be a string value.");
    }

    @Test
    void badValuesAreBadRequests() {
        assertError(client.post(PREDICT, "{\"instances\": [{\"b64\": \"not base64!\"}]}"), 400,
                "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: Unable to base64 decode");
        assertError(client.post(PREDICT, "{\"instances\": [{\"b64\": 7}]}"), 400,
                "Failed to process element: 0 key: b64 of 'instances' list. Error: INVALID_ARGUMENT: JSON object: "
                        + "does not have named input: b64");
        assertError(client.post(PREDICT, "{\"instances\": [\"x\", {\"image_b64\": \"y\"}]}"), 400,
                "Expecting value/list but got object at item 1 of input list");
        assertError(client.post(PREDICT, "{\"inputs\": [{\"b64\": \"\", \"x\": 1}]}"), 400,
                "JSON Value: {\n    \"b64\": \"\",\n    \"x\": 1\n} not formatted correctly for base64 data");
        assertError(client.post(PREDICT, "{\"instances\": [7]}"), 400,
                "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: 7 Type: "
                        + "Number is not of expected type: string");
        assertError(client.post(PREDICT, "{\"instances\": [{\"image_b64\": {\"b64\": \"\"}, \"extra\": 1}]}"), 400,
                "Failed to process element: 0 key: extra of 'instances' list. Error: INVALID_ARGUMENT: JSON object: "
                        + "does not have named input: extra");
        assertError(client.post(PREDICT, "{\"instances\": [[\"a\"], [\"b\", \"c\"]]}"), 400,
                "Failed to process element: 1 of 'instances' list. Error: INVALID_ARGUMENT: Expecting tensor size: 1 "
                        + "but got: 2");
        assertError(client.post(PREDICT, "{\"instances\": [[\"a\"], \"b\"]}"), 400,
                "Failed to process element: 1 of 'instances' list. Error: INVALID_ARGUMENT: Expecting shape [1] "
                        + "but got: []");
        assertError(client.post(PREDICT, "{\"inputs\": {\"other\": []}}"), 400,
                "Missing named input: image_b64 in 'inputs' object.");
        assertError(client.post(PREDICT, "{\"inputs\": [[\"a\", \"b\"], [\"c\"]]}"), 400,
                "Encountered list at unexpected size: 1 at level: 1 expected size: 2");
    }

    @Test
    void shapesAreFedAsGivenAndTensorFlowsRefusalIsABadRequest() {
        // TF Serving does not check shapes against the signature: the graph's Reshape to [1] refuses two images.
        assertError(client.post(PREDICT, "{\"instances\": " + images(0, 1) + "}"), 400,
                "Input to reshape is a tensor with 2 values, but the requested shape has 1\n\t [[{{node Reshape}}]]");
    }

    @Test
    void bytesAfterTheJsonDocumentAreIgnoredAsTfServingIgnoresThem() {
        RestClient.Reply reply = client.post(PREDICT, oneImage(photo(1)) + " trailing");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("predictions").get(0).asText()).isIn(Model.MINT.labels);
    }

    @Test
    void whatTheModelCannotReadIsABadRequest() {
        RestClient.Reply reply = client.post(PREDICT, "{\"instances\": [{\"b64\": \"" + b64("not a jpeg".getBytes())
                + "\"}]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("Unknown image file format");
    }

    @Test
    void unknownSignatureIsABadRequest() {
        assertError(client.post(PREDICT, "{\"signature_name\": \"nope\", \"instances\": [1]}"), 400,
                "Serving signature name: \"nope\" not found in signature def");
    }

    @Test
    void classifyAndRegressAreRefusedForAPredictSignature() {
        assertError(client.post("/v1/models/" + NAME + ":classify", oneImage(photo(0))), 400, "JSON Value: "
                + JsonText.quote(RestClient.JSON.createObjectNode().set("instances", RestClient.JSON
                .createArrayNode().add(RestClient.JSON.createObjectNode().put("b64", b64(photo(0))))))
                + " When method is classify, key 'examples' is expected and was not found");
        // TF Serving does not check the method name by default, only the inputs and outputs the method needs.
        RestClient.Reply classify = client.post("/v1/models/" + NAME + ":classify", "{\"examples\": [{\"x\": 1}]}");
        assertError(classify, 400, null);
        assertThat(classify.error()).startsWith("No classification inputs found in SignatureDef: ")
                .contains("method_name: \"tensorflow/serving/predict\"");
        RestClient.Reply regress = client.post("/v1/models/" + NAME + ":regress", "{\"examples\": [{\"x\": 1}]}");
        assertError(regress, 400, null);
        assertThat(regress.error()).startsWith("No regression inputs found in SignatureDef: ");
    }

    @Test
    void wrongMethodsAndPathsAreRefused() {
        // TF Serving answers a wrong method 400, like any path it does not know (http_rest_api_handler.cc).
        assertError(client.get(PREDICT), 400, "Malformed request: GET " + PREDICT);
        assertError(client.post("/v1/models/" + NAME, "{}"), 400, "Malformed request: POST /v1/models/" + NAME);
        assertError(client.send("PUT", PREDICT, "{}"), 400, "Malformed request: PUT " + PREDICT);
        assertError(client.get("/v1/models"), 400, "Missing model name in request.");
        assertError(client.get("/v1/nothing"), 400, "Malformed request: GET /v1/nothing");
        assertError(client.post("/v1/models/" + NAME + "/versions/99999999999999999999:predict", "{}"), 400,
                "Failed to convert version: 99999999999999999999 to numeric.");
        assertError(client.get("/elsewhere"), 404, "Not found: /elsewhere");
    }


    private static List<String> labelAndProbability(RestClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> answer = new ArrayList<>();
        reply.json().get("predictions").forEach(value -> answer.add(value.asText()));
        assertThat(answer).hasSize(2);
        return answer;
    }

    private static String images(int... indexes) {
        List<String> images = new ArrayList<>();
        for (int index : indexes) {
            images.add("{\"b64\": \"" + b64(photo(index)) + "\"}");
        }
        return "[" + String.join(", ", images) + "]";
    }

    private static JsonNode available(String version) {
        JsonNode status = RestClient.JSON.createObjectNode().put("error_code", "OK").put("error_message", "");
        return RestClient.JSON.createObjectNode().put("version", version).put("state", "AVAILABLE")
                .set("status", status);
    }
}
