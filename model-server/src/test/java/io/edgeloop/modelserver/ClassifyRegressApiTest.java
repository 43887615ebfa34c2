package io.edgeloop.modelserver;

import static io.edgeloop.modelserver.RestClient.assertError;
import static io.edgeloop.modelserver.testing.HalfPlusTwo.MODEL_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.modelserver.testing.HalfPlusTwo;
import io.edgeloop.modelserver.versions.VersionLabels;
import io.edgeloop.modelserver.versions.VersionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TF Serving's own classify and regress REST cases, each named after the test it comes from, over the
 * {@link HalfPlusTwo} model served as {@code saved_model_half_plus_two_2_versions} is in
 * {@code http_rest_api_handler_test.cc}: folders 123 and 124, only 123 loaded, label {@code Version_Label} -> 123.
 * ({@code tensorflow_model_server_test.py} serves the one-version model as {@code default}; the signatures its
 * cases use are the same in both.) Cases marked "derived" follow from TF Serving's code, not from a test of it.
 */
class ClassifyRegressApiTest {

    @TempDir
    static Path base;

    private static ModelServer server;
    private static RestClient client;

    private static final String MODEL = "/v1/models/" + MODEL_NAME;
    private static final String CLASSIFY = MODEL + ":classify";
    private static final String REGRESS = MODEL + ":regress";

    /** rapidjson's and Python's equality: 42 equals 42.0. */
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && Double.compare(a.doubleValue(), b.doubleValue()) == 0 ? 0 : 1;

    @BeforeAll
    static void serve() throws Exception {
        server = ModelServer.start(ServerSettings.defaults(MODEL_NAME, HalfPlusTwo.twoVersions(base))
                .withRestPort(0)
                .withVersionPolicy(VersionPolicy.parse("specific:" + HalfPlusTwo.VERSION))
                .withVersionLabels(VersionLabels.parse("Version_Label=" + HalfPlusTwo.VERSION)));
        client = new RestClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // http_rest_api_handler_test.cc UnsupportedApiCalls (the classify/regress paths)

    @Test
    void unsupportedApiCallsOnRegressPathsAreMalformedRequests() {
        for (String path : List.of("/v1/models/foo/version/50:regress", "/v1/models/foo/versions/HELLO:regress",
                "/v1/models/foo/label/some_label:regress", "/v1/models/foo/versions/50/labels/some_label:regress",
                "/v1/models/foo/versions/some_label:regress")) {
            assertError(client.post(path, "{}"), 400, "Malformed request: POST " + path);
        }
    }

    @Test
    void unsupportedApiCallsVersionThatOverflowsIsRefused() {
        assertError(client.post("/v1/models/foo/versions/18446744073709551615:regress", "{}"), 400,
                "Failed to convert version: 18446744073709551615 to numeric.");
    }

    // http_rest_api_handler_test.cc Regress and Classify

    @Test
    void regressOnTheLatestVersionVersion123AndVersionLabel() {
        String body = "{\"signature_name\": \"regress_x_to_y\", \"examples\": [ { \"x\": 80.0 } ] }";
        assertResults(client.post(REGRESS, body), "{ \"results\": [42] }");
        assertResults(client.post(MODEL + "/versions/123:regress", body), "{ \"results\": [42] }");
        assertResults(client.post(MODEL + "/labels/Version_Label:regress", body), "{ \"results\": [42] }");
    }

    @Test
    void classifyOnTheLatestVersionAndVersionLabel() {
        assertResults(client.post(CLASSIFY,
                        "{\"signature_name\": \"classify_x_to_y\", \"examples\": [ { \"x\": 20.0 } ] }"),
                "{ \"results\": [[[\"\", 12]]] }");
        assertResults(client.post(MODEL + "/labels/Version_Label:classify",
                        "{\"signature_name\": \"classify_x_to_y\", \"examples\": [ { \"x\": 10.0 } ] }"),
                "{ \"results\": [[[\"\", 7]]] }");
    }

    // tensorflow_model_server_test.py testClassifyREST, testRegressREST

    @Test
    void classifyRest() {
        assertResults(client.post(CLASSIFY, "{\"signature_name\": \"classify_x_to_y\", \"examples\": [{\"x\": 2.0}]}"),
                "{\"results\": [[[\"\", 3.0]]]}");
    }

    @Test
    void regressRest() {
        assertResults(client.post(REGRESS, "{\"signature_name\": \"regress_x_to_y\", \"examples\": [{\"x\": 2.0}]}"),
                "{\"results\": [3.0]}");
    }

    /** api_rest.md's regress example on half_plus_three, whose y = 0.5x + 3 is our regress_x_to_y2. */
    @Test
    void regressExampleOfTheRestApiDocumentation() {
        assertResults(client.post(REGRESS,
                        "{\"signature_name\": \"regress_x_to_y2\", \"examples\": [{\"x\": 1.0}, {\"x\": 2.0}]}"),
                "{\"results\": [3.5, 4.0]}");
    }

    /**
     * json_tensor_test.cc FromJsonSingleFloatTensorSixDigitPrecision's rule (WriteDecimal, used for results too by
     * MakeJsonFromRegressionResult and MakeJsonFromClassificationResult): 9000000 is written {@code 9e+06}.
     */
    @Test
    void resultsAreWrittenAsTfServingWritesFloats() {
        String examples = "\"examples\": [{\"x\": 17999996.0}, {\"x\": 1.0}]}";

        RestClient.Reply regress = client.post(REGRESS, "{\"signature_name\": \"regress_x_to_y\", " + examples);
        RestClient.Reply classify = client.post(CLASSIFY, "{\"signature_name\": \"classify_x_to_y\", " + examples);

        assertThat(regress.body().replaceAll("\\s", "")).isEqualTo("{\"results\":[9e+06,2.5]}");
        assertThat(classify.body().replaceAll("\\s", "")).isEqualTo("{\"results\":[[[\"\",9e+06]],[[\"\",2.5]]]}");
    }

    // json_tensor_test.cc ClassifyRegressRequestTest JsonErrors, over HTTP (conversion comes before the lookup)

    @Test
    void jsonErrorsAreBadRequestsForClassifyAndRegress() {
        for (String path : List.of(CLASSIFY, REGRESS, "/v1/models/nope:classify")) {
            assertErrorContains(path, "{\"signature_name\": [ \"hello\" ], \"examples\": [ { \"names\": [ \"foo\", "
                    + "\"bar\" ] } ]}", "'signature_name' key must be a string");
            assertErrorContains(path, "{\"context\": [ { \"names\": [ \"foo\", \"bar\" ] } ]}",
                    "Example must be JSON object");
            assertErrorContains(path, "{\"examples\": { \"names\": [ \"foo\", \"bar\" ] }}", "list/array");
            assertErrorContains(path, "{\"examples\": [ [ { \"names\": [ \"foo\", \"bar\" ] } ] ]}",
                    "Example must be JSON object");
            assertErrorContains(path, "{\"examples\": [ { \"names\": [ 10, null ] } ]}",
                    "names has element with unexpected JSON type: Null");
            assertErrorContains(path, "{\"examples\": [ { \"names\": [ 10, 10.0 ] } ]}",
                    "feature: names expecting type: int64");
            assertErrorContains(path, "{\"examples\": [ { \"names\": [ 10, { \"test\": 10 } ] } ]}",
                    "names has element with unexpected JSON type: Object");
            assertErrorContains(path, "{\"examples\": [ { \"names\": [ [10], 20 ] } ]}",
                    "names has element with unexpected JSON type: Array");
            assertErrorContains(path, "{\"examples\": [ { \"names\": [ 20, 18446744073709551603 ] } ]}",
                    "Only int64_t is supported");
        }
    }

    // derived: what TF Serving's classifier.cc, regressor.cc and util.cc answer on half_plus_two

    @Test
    void anIntegerFeatureIsInt64WhichTheModelRefuses() {
        RestClient.Reply reply = client.post(CLASSIFY,
                "{\"signature_name\": \"classify_x_to_y\", \"examples\": [{\"x\": 2}]}");
        assertError(reply, 400, null);
        assertThat(reply.error()).contains("Data types don't match. Data type: int64 but expected type: float");
    }

    @Test
    void aMissingRequiredFeatureIsRefusedByTheModel() {
        RestClient.Reply reply = client.post(REGRESS,
                "{\"signature_name\": \"regress_x_to_y\", \"examples\": [{\"x2\": 2.0}]}");
        assertError(reply, 400, null);
        assertThat(reply.error()).contains("Feature: x (data type: float) is required but could not be found");
    }

    @Test
    void featuresComeFromTheContextAndTheExampleOverridesThem() {
        assertResults(client.post(REGRESS,
                        "{\"signature_name\": \"regress_x_to_y\", \"context\": {\"x\": 2.0}, \"examples\": [{}]}"),
                "{\"results\": [3.0]}");
        assertResults(client.post(REGRESS, "{\"signature_name\": \"regress_x_to_y\", \"context\": {\"x\": 1.0}, "
                + "\"examples\": [{\"x\": 4.0}, {}]}"), "{\"results\": [4.0, 2.5]}");
    }

    @Test
    void everyExampleGetsItsOwnResultInOrder() {
        assertResults(client.post(REGRESS,
                        "{\"signature_name\": \"regress_x_to_y2\", \"examples\": [{\"x\": 2.0}, {\"x\": 4.0}]}"),
                "{\"results\": [4.0, 5.0]}");
        assertResults(client.post(CLASSIFY, "{\"signature_name\": \"classify_x_to_y\", \"examples\": "
                + "[{\"x\": 1.0}, {\"x\": 2.0, \"x2\": 7.0}, {\"x\": 5.0}]}"),
                "{\"results\": [[[\"\", 2.5]], [[\"\", 3.0]], [[\"\", 4.5]]]}");
    }

    @Test
    void withoutSignatureNameServingDefaultIsUsedAndHasNoExampleInput() {
        RestClient.Reply classify = client.post(CLASSIFY, "{\"examples\": [{\"x\": 2.0}]}");
        assertError(classify, 400, null);
        assertThat(classify.error()).startsWith("No classification inputs found in SignatureDef: ")
                .contains("method_name: \"tensorflow/serving/predict\"");
        RestClient.Reply regress = client.post(REGRESS, "{\"examples\": [{\"x\": 2.0}]}");
        assertError(regress, 400, null);
        assertThat(regress.error()).startsWith("No regression inputs found in SignatureDef: ");
    }

    @Test
    void aRegressionSignatureCannotClassifyNorAClassificationOneRegress() {
        RestClient.Reply classify = client.post(CLASSIFY,
                "{\"signature_name\": \"regress_x_to_y\", \"examples\": [{\"x\": 2.0}]}");
        assertError(classify, 400, null);
        assertThat(classify.error()).startsWith("Expected classification signature outputs to contain at least one "
                + "of \"classes\" or \"scores\". Signature was: ");
        RestClient.Reply regress = client.post(REGRESS,
                "{\"signature_name\": \"classify_x_to_y\", \"examples\": [{\"x\": 2.0}]}");
        assertError(regress, 400, null);
        assertThat(regress.error()).startsWith("No regression outputs found in SignatureDef: ");
    }

    @Test
    void aSignatureOnAFloatInputGetsTheExamplesAndTensorFlowRefusesThem() {
        for (String path : List.of(REGRESS, CLASSIFY)) {
            String signature = path.equals(REGRESS) ? "regress_x2_to_y3" : HalfPlusTwo.CLASSIFY_X2_TO_Y3;
            RestClient.Reply reply = client.post(path,
                    "{\"signature_name\": \"" + signature + "\", \"examples\": [{\"x2\": 2.0}]}");
            assertError(reply, 400, null);
            assertThat(reply.error()).contains("float").contains("string");
        }
    }

    @Test
    void unknownSignatureModelVersionAndLabel() {
        String body = "{\"signature_name\": \"nope\", \"examples\": [{\"x\": 2.0}]}";
        assertError(client.post(CLASSIFY, body), 400, "No signature was found with the name: nope");
        assertError(client.post(REGRESS, body), 400, "No signature was found with the name: nope");
        String valid = "{\"signature_name\": \"regress_x_to_y\", \"examples\": [{\"x\": 2.0}]}";
        assertError(client.post("/v1/models/foo:regress", valid), 404, "Servable not found for request: Latest(foo)");
        assertError(client.post(MODEL + "/versions/124:classify", valid), 404,
                "Servable not found for request: Specific(" + MODEL_NAME + ", 124)");
        assertError(client.post(MODEL + "/labels/nope:regress", valid), 400,
                "Unrecognized servable version label: nope");
    }

    @Test
    void examplesMustBeANonEmptyList() {
        RestClient.Reply empty = client.post(REGRESS, "{\"signature_name\": \"regress_x_to_y\", \"examples\": []}");
        assertError(empty, 400, null);
        assertThat(empty.error()).startsWith("JSON Value: ").endsWith(" 'examples' value is an empty array");
        RestClient.Reply missing = client.post(REGRESS, "{\"signature_name\": \"regress_x_to_y\"}");
        assertError(missing, 400, null);
        assertThat(missing.error()).endsWith(" When method is classify, key 'examples' is expected and was not found");
    }

    private static void assertErrorContains(String path, String body, String text) {
        RestClient.Reply reply = client.post(path, body);
        assertError(reply, 400, null);
        assertThat(reply.error()).as(body).contains(text);
    }

    private static void assertResults(RestClient.Reply reply, String expected) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode want;
        try {
            want = RestClient.JSON.readTree(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(reply.json().equals(NUMERIC, want)).as(reply.body() + " equals " + expected).isTrue();
    }
}
