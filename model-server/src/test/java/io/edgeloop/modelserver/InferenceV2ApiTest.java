package io.edgeloop.modelserver;

import static io.edgeloop.modelserver.RestClient.assertError;
import static io.edgeloop.modelserver.RestClient.b64;
import static io.edgeloop.modelserver.testing.TrainedModels.NAME;
import static io.edgeloop.modelserver.testing.TrainedModels.photo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.testing.TrainedModels;
import io.edgeloop.modelserver.testing.TrainedModels.Model;
import org.junit.jupiter.api.Test;

/**
 * The Open Inference Protocol v2 REST API (KServe) on the image classifier: health, metadata, readiness and
 * inference with BYTES inputs, which carry JPEG bytes as base64 when marked {@code "content_type": "base64"}.
 */
class InferenceV2ApiTest extends TwoVersionsServed {

    private static final String INFER = "/v2/models/" + NAME + "/infer";

    @Test
    void serverIsLiveAndReady() {
        assertThat(client.get("/v2/health/live").json()).isEqualTo(object().put("live", true));
        assertThat(client.get("/v2/health/ready").json()).isEqualTo(object().put("ready", true));
        RestClient.Reply metadata = client.get("/v2");
        assertThat(metadata.json().get("name").asText()).isEqualTo("edgeloop-model-server");
        assertThat(metadata.json().get("extensions").isArray()).isTrue();
    }

    @Test
    void modelMetadataDescribesServingDefault() {
        RestClient.Reply reply = client.get("/v2/models/" + NAME);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode metadata = reply.json();
        assertThat(metadata.get("name").asText()).isEqualTo(NAME);
        assertThat(metadata.get("versions")).containsExactly(text("1"), text("2"));
        assertThat(metadata.get("platform").asText()).isEqualTo("tensorflow_savedmodel");
        assertThat(metadata.get("inputs")).containsExactly(tensor("image_b64", "BYTES", 1));
        assertThat(metadata.get("outputs")).containsExactly(tensor("output_0", "BYTES", 2));
        assertThat(client.get("/v2/models/" + NAME + "/versions/1").status()).isEqualTo(200);
    }

    @Test
    void modelReadinessPerVersion() {
        assertThat(client.get("/v2/models/" + NAME + "/ready").json())
                .isEqualTo(object().put("name", NAME).put("ready", true));
        assertThat(client.get("/v2/models/" + NAME + "/versions/1/ready").status()).isEqualTo(200);
        RestClient.Reply missing = client.get("/v2/models/" + NAME + "/versions/7/ready");
        assertThat(missing.status()).isEqualTo(503);
        assertThat(missing.json()).isEqualTo(object().put("name", NAME).put("ready", false));
        assertThat(client.get("/v2/models/nope/ready").status()).isEqualTo(404);
    }

    @Test
    void inferenceOnABase64JpegAnswersTheLatestVersionsLabelAndProbability() {
        RestClient.Reply reply = client.post(INFER, "{\"id\": \"42\", \"inputs\": [" + image(photo(1)) + "]}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode answer = reply.json();
        assertThat(answer.get("model_name").asText()).isEqualTo(NAME);
        assertThat(answer.get("model_version").asText()).isEqualTo("2");
        assertThat(answer.get("id").asText()).isEqualTo("42");
        JsonNode output = answer.get("outputs").get(0);
        assertThat(output.get("name").asText()).isEqualTo("output_0");
        assertThat(output.get("datatype").asText()).isEqualTo("BYTES");
        assertThat(output.get("shape")).containsExactly(RestClient.JSON.getNodeFactory().numberNode(2));
        assertThat(output.get("data").get(0).asText()).isIn(Model.MINT.labels);
        assertThat(output.get("data").get(1).asText()).matches("[01]\\.\\d{6}");
        assertThat(output.has("parameters")).isFalse();
    }

    @Test
    void inferenceOnAVersionAndOnTheBatchSignature() {
        RestClient.Reply reply = client.post("/v2/models/" + NAME + "/versions/1/infer",
                "{\"parameters\": {\"signature_name\": \"predict_batch\"}, \"outputs\": [{\"name\": \"label\"}, "
                        + "{\"name\": \"scores\"}], \"inputs\": [{\"name\": \"images\", \"shape\": [3], "
                        + "\"datatype\": \"BYTES\", \"parameters\": {\"content_type\": \"base64\"}, \"data\": [\""
                        + b64(photo(0)) + "\", \"" + b64(photo(1)) + "\", \"" + b64(photo(2)) + "\"]}]}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("model_version").asText()).isEqualTo("1");
        JsonNode outputs = reply.json().get("outputs");
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(0).get("name").asText()).isEqualTo("label");
        outputs.get(0).get("data").forEach(label -> assertThat(label.asText()).isIn(Model.TEA.labels));
        assertThat(outputs.get(1).get("datatype").asText()).isEqualTo("FP32");
        assertThat(outputs.get(1).get("shape").toString()).isEqualTo("[3," + Model.TEA.labels.size() + "]");
        assertThat(outputs.get(1).get("data")).hasSize(3 * Model.TEA.labels.size());
    }

    @Test
    void badInferenceRequestsAreRefused() {
        assertError(client.post("/v2/models/nope/infer", "{\"inputs\": [" + image(photo(0)) + "]}"), 404,
                "Model with name nope does not exist.");
        assertError(client.post("/v2/models/" + NAME + "/versions/7/infer", "{\"inputs\": [" + image(photo(0))
                + "]}"), 404, "Model with name " + NAME + " and version 7 is not available");
        assertError(client.post(INFER, "{}"), 400, "An inference request needs a non-empty 'inputs' list");
        assertError(client.post(INFER, "{\"inputs\": [{\"name\": \"image_b64\", \"shape\": [1], \"datatype\": "
                + "\"FP32\", \"data\": [1]}]}"), 400, "Input 'image_b64' has datatype FP32 but the model expects BYTES");
        assertError(client.post(INFER, "{\"inputs\": [{\"name\": \"image\", \"shape\": [1], \"datatype\": "
                + "\"BYTES\", \"data\": [\"x\"]}]}"), 400, "Unexpected input 'image': the model takes [image_b64]");
        assertError(client.post(INFER, "{\"inputs\": [{\"name\": \"image_b64\", \"shape\": [2], \"datatype\": "
                + "\"BYTES\", \"data\": [\"x\"]}]}"), 400, "Input 'image_b64' has 1 values but its shape [2] holds 2");
        assertError(client.post(INFER, "{\"inputs\": [{\"name\": \"image_b64\", \"shape\": [1], \"datatype\": "
                + "\"BYTES\", \"parameters\": {\"content_type\": \"base64\"}, \"data\": [\"%%%\"]}]}"), 400, null);
        assertError(client.post(INFER, "{\"inputs\": [{\"name\": \"image_b64\", \"shape\": [1], \"datatype\": "
                + "\"BYTES\", \"data\": [\"not a jpeg\"]}]}"), 400, null);
        assertError(client.post(INFER, "{\"outputs\": [{\"name\": \"nope\"}], \"inputs\": [" + image(photo(0))
                + "]}"), 400, "Unexpected output 'nope': the model gives [output_0]");
        assertError(client.get(INFER), 405, "Malformed request: GET " + INFER);
        assertError(client.get("/v2/elsewhere"), 404, "Not found: /v2/elsewhere");
    }

    private static String image(byte[] jpeg) {
        return "{\"name\": \"image_b64\", \"shape\": [1], \"datatype\": \"BYTES\", "
                + "\"parameters\": {\"content_type\": \"base64\"}, \"data\": [\"" + b64(jpeg) + "\"]}";
    }


    private static JsonNode tensor(String name, String datatype, int size) {
        return object().put("name", name).put("datatype", datatype)
                .set("shape", RestClient.JSON.createArrayNode().add(size));
    }

    private static ObjectNode object() {
        return RestClient.JSON.createObjectNode();
    }

    private static JsonNode text(String value) {
        return RestClient.JSON.getNodeFactory().textNode(value);
    }
}
