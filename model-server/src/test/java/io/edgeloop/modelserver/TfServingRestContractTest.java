package io.edgeloop.modelserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.testing.HalfPlusTwo;
import io.edgeloop.modelserver.versions.VersionLabels;
import io.edgeloop.modelserver.versions.VersionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TF Serving's own REST test cases for predict, status, metadata and errors, sent over HTTP to this server serving
 * the {@link HalfPlusTwo} models as TF Serving's tests serve them. Each case names its source:
 * {@code http_rest_api_handler_test.cc} (model {@code saved_model_half_plus_two_2_versions}: 123 loaded, label
 * {@code Version_Label}), {@code http_rest_api_util_test.cc}, {@code tensorflow_model_server_test.py} and
 * {@code json_tensor_test.cc} (model {@code default}, version 123), {@code api_rest.md}, or "derived" for a case
 * that follows from TF Serving's code but is not in its tests. Bodies are compared as TF Serving's tests compare
 * them: as JSON, numbers by value ({@code 42} equals {@code 42.0}).
 */
class TfServingRestContractTest {

    private static final String M2 = "saved_model_half_plus_two_2_versions";
    private static final String D = "default";
    private static final String D_PREDICT = "/v1/models/default:predict";
    /** The characters http_rest_api_util_test.cc escapes in names and labels, and what they decode to. */
    private static final String ESCAPED = "%21%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3D%3F%40%5B%5D";
    private static final String DECODED = "!#$%&'()*+,/:;=?@[]";
    private static final String NESTED = "[".repeat(500_000) + "]".repeat(500_000);

    /** Parses answers as TF Serving writes them: NaN and Infinity are bare number tokens. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @TempDir
    static Path base;

    private static ModelServer twoVersions;
    private static ModelServer defaultModel;

    /** Which of the two servers a case asks. */
    enum Served { M2, D }

    /** How a case's expectation is checked. */
    enum Expect {
        /** The body equals this JSON, numbers compared by value. */
        JSON,
        /** The body is {@code {"error": <exactly this>}}. */
        ERROR,
        /** The body is {@code {"error": <text containing this>}}, as TF's tests check with HasSubstr. */
        ERROR_CONTAINING,
        /** Only the status (TF Serving's answer is not JSON here). */
        STATUS,
        /** No body and no Content-Type. */
        EMPTY
    }

    /** @param origin the {@code Origin} header, or null */
    record Case(Served served, String method, String path, String body, int status, Expect expect, String expected,
            String origin) {

        Case(Served served, String method, String path, String body, int status, Expect expect, String expected) {
            this(served, method, path, body, status, expect, expected, null);
        }
    }

    @BeforeAll
    static void serve() throws Exception {
        Path m2 = HalfPlusTwo.twoVersions(base.resolve("m2"));
        twoVersions = ModelServer.start(ServerSettings.defaults(M2, m2).withRestPort(0)
                .withVersionPolicy(VersionPolicy.parse("specific:" + HalfPlusTwo.VERSION))
                .withVersionLabels(VersionLabels.parse("Version_Label=" + HalfPlusTwo.VERSION)));
        defaultModel = ModelServer.start(ServerSettings.defaults(D, HalfPlusTwo.oneVersion(base.resolve("d")))
                .withRestPort(0));
    }

    @AfterAll
    static void stop() {
        twoVersions.close();
        defaultModel.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"httpRestApiHandlerTest", "httpRestApiUtilTest", "tensorflowModelServerTest", "jsonTensorTest",
            "derived"})
    void answersAsTfServing(Case c) {
        ModelServer server = c.served() == Served.M2 ? twoVersions : defaultModel;
        RestClient.Reply reply = c.origin() == null ? new RestClient(server.port()).send(c.method(), c.path(),
                c.body()) : new RestClient(server.port()).send(c.method(), c.path(), c.body(), "Origin", c.origin());

        assertThat(reply.status()).as(reply.body()).isEqualTo(c.status());
        switch (c.expect()) {
            case JSON -> assertThat(sameJson(parse(reply.body()), parse(c.expected())))
                    .as("%s%nexpected %s", reply.body(), c.expected()).isTrue();
            case ERROR -> assertThat(error(reply)).isEqualTo(c.expected());
            case ERROR_CONTAINING -> assertThat(error(reply)).contains(c.expected());
            case STATUS -> { }
            case EMPTY -> {
                assertThat(reply.body()).isEmpty();
                assertThat(reply.headers().firstValue("Content-Type")).isEmpty();
            }
        }
        if (c.expect() != Expect.STATUS && c.expect() != Expect.EMPTY) {
            assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
        }
    }

    static Stream<Named<Case>> httpRestApiHandlerTest() {
        String src = "http_rest_api_handler_test.cc: TEST_F(HttpRestApiHandlerTest, ";
        Stream<Named<Case>> malformedGets = Stream.of("/v1/models/debug/model_name", "/v1/models/foo:predict",
                "/v1/models/foo/version/50:predict").map(path -> named(src + "UnsupportedApiCalls) GET " + path,
                get(Served.M2, path, 400, Expect.ERROR_CONTAINING, "Malformed request")));
        Stream<Named<Case>> malformedPosts = Stream.of("/v1/models", "/v1/models/foo/version/50:regress",
                "/v1/models/foo/versions/HELLO:regress", "/v1/models/foo/metadata",
                "/v1/models/foo/label/some_label:regress", "/v1/models/foo/versions/50/labels/some_label:regress",
                "/v1/models/foo/versions/some_label:regress").map(path -> named(src + "UnsupportedApiCalls) POST "
                + path, post(Served.M2, path, "", 400, Expect.ERROR_CONTAINING, "Malformed request")));
        return Stream.of(malformedGets, malformedPosts, otherHandlerCases(src)).flatMap(s -> s);
    }

    private static Stream<Named<Case>> otherHandlerCases(String src) {
        String predictM2 = "/v1/models/" + M2 + ":predict";
        String status = "{\"model_version_status\": [{\"version\": \"123\", \"state\": \"AVAILABLE\", "
                + "\"status\": {\"error_code\": \"OK\", \"error_message\": \"\"}}]}";
        return Stream.of(
                // kPathRegex: only /v1/ paths reach the handler; others are the server's 404.
                named(src + "kPathRegex) /statuspage", get(Served.M2, "/statuspage", 404, Expect.STATUS, null)),
                named(src + "kPathRegex) /index", get(Served.M2, "/index", 404, Expect.STATUS, null)),
                named(src + "UnsupportedApiCalls) GET /v1/foo",
                        get(Served.M2, "/v1/foo", 400, Expect.ERROR, "Malformed request: GET /v1/foo")),
                named(src + "UnsupportedApiCalls) POST /v1/foo",
                        post(Served.M2, "/v1/foo", "", 400, Expect.ERROR, "Malformed request: POST /v1/foo")),
                named(src + "UnsupportedApiCalls) GET /v1/models",
                        get(Served.M2, "/v1/models", 400, Expect.ERROR, "Missing model name in request.")),
                named(src + "UnsupportedApiCalls) POST /v1/models/foo/versions/18446744073709551615:regress",
                        post(Served.M2, "/v1/models/foo/versions/18446744073709551615:regress", "", 400,
                                Expect.ERROR_CONTAINING, "Failed to convert version")),
                named(src + "PredictModelNameVersionErrors) unknown model", post(Served.M2,
                        "/v1/models/foo:predict", "{ \"instances\": [1] }", 404, Expect.ERROR,
                        "Servable not found for request: Latest(foo)")),
                named(src + "PredictModelNameVersionErrors) unknown model and version", post(Served.M2,
                        "/v1/models/foo/versions/50:predict", "{ \"instances\": [1] }", 404, Expect.ERROR,
                        "Servable not found for request: Specific(foo, 50)")),
                named(src + "PredictModelNameVersionErrors) name with a number glued on", post(Served.M2,
                        "/v1/models/" + M2 + "99:predict", "{ \"instances\": [1] }", 404, Expect.ERROR,
                        "Servable not found for request: Latest(" + M2 + "99)")),
                named(src + "PredictRequestErrors) empty body", post(Served.M2, predictM2, "", 400,
                        Expect.ERROR, "JSON Parse error: The document is empty")),
                named(src + "PredictRequestErrors) not JSON", post(Served.M2, predictM2, "instances = [1, 2]",
                        400, Expect.ERROR_CONTAINING, "JSON Parse error: Invalid value")),
                named(src + "PredictRequestErrors) strings for a float", post(Served.M2, predictM2,
                        "{ \"instances\": [\"x\", \"y\"] }", 400, Expect.ERROR, "Failed to process element: 0 of "
                                + "'instances' list. Error: INVALID_ARGUMENT: JSON Value: \"x\" Type: String is not "
                                + "of expected type: float")),
                named(src + "PredictRequestErrors) unknown label wins over bad values", post(Served.M2,
                        "/v1/models/" + M2 + "/labels/Version_Nonexistent:predict",
                        "{ \"instances\": [\"x\", \"y\"] }", 400, Expect.ERROR,
                        "Unrecognized servable version label: Version_Nonexistent")),
                named(src + "PredictRequestErrors) signature_name not a string", post(Served.M2, predictM2,
                        "{ \"signature_name\": 100 }", 400, Expect.ERROR, "JSON Value: {\n    \"signature_name\": "
                                + "100\n} not formatted correctly. 'signature_name' key must be a string value.")),
                named(src + "Predict) [2,2] into x [-1,1]", post(Served.M2, predictM2,
                        "{\"instances\": [[1.0, 2.0], [3.0, 4.0]]}", 200, Expect.JSON,
                        "{ \"predictions\": [[2.5, 3.0], [3.5, 4.0]] }")),
                named(src + "Predict) by version", post(Served.M2, "/v1/models/" + M2 + "/versions/123:predict",
                        "{\"instances\": [1.0, 2.0]}", 200, Expect.JSON, "{ \"predictions\": [2.5, 3.0] }")),
                named(src + "Predict) by label", post(Served.M2, "/v1/models/" + M2 + "/labels/Version_Label:predict",
                        "{\"instances\": [1.0, 2.0]}", 200, Expect.JSON, "{ \"predictions\": [2.5, 3.0] }")),
                named(src + "Predict) named signature, row format", post(Served.M2,
                        "/v1/models/" + M2 + "/versions/123:predict",
                        "{\"signature_name\": \"serving_default\", \"instances\": [3.0, 4.0]}", 200, Expect.JSON,
                        "{ \"predictions\": [3.5, 4.0] }")),
                named(src + "Predict) named signature, columnar format", post(Served.M2,
                        "/v1/models/" + M2 + "/versions/123:predict",
                        "{\"signature_name\": \"serving_default\", \"inputs\": [3.0, 4.0]}", 200, Expect.JSON,
                        "{ \"outputs\": [3.5, 4.0] }")),
                named(src + "GetStatus) latest", get(Served.M2, "/v1/models/" + M2, 200, Expect.JSON, status)),
                named(src + "GetStatus) version", get(Served.M2, "/v1/models/" + M2 + "/versions/123", 200,
                        Expect.JSON, status)),
                named(src + "GetStatus) label", get(Served.M2, "/v1/models/" + M2 + "/labels/Version_Label", 200,
                        Expect.JSON, status)),
                named(src + "GetModelMetadata) = saved_model_half_plus_two_2_versions_metadata.json", get(Served.M2,
                        "/v1/models/" + M2 + "/metadata", 200, Expect.JSON, metadata(M2, true))));
    }

    static Stream<Named<Case>> httpRestApiUtilTest() {
        String get = "http_rest_api_util_test.cc: TEST(HttpRestApiUtilTest, TestParseModelInfoForGet) ";
        String post = "http_rest_api_util_test.cc: TEST(HttpRestApiUtilTest, TestParseModelInfoForPost) ";
        String one = "{\"instances\": [1.0]}";
        Stream<Named<Case>> cases = Stream.of(
                named(get + "escaped name", get(Served.D, "/v1/models/modelname" + ESCAPED, 404, Expect.ERROR,
                        "Could not find any versions of model modelname" + DECODED)),
                named(get + "version", get(Served.D, "/v1/models/modelname/versions/99", 404, Expect.ERROR,
                        "Could not find version 99 of model modelname")),
                named(get + "label", get(Served.D, "/v1/models/modelname/labels/latest", 404, Expect.ERROR,
                        "Could not find any versions of model modelname")),
                named(get + "escaped label", get(Served.D, "/v1/models/modelname/labels/latest" + ESCAPED, 404,
                        Expect.ERROR, "Could not find any versions of model modelname")),
                named(get + "label metadata", get(Served.D, "/v1/models/modelname/labels/latest/metadata", 400,
                        Expect.ERROR, "Unrecognized servable version label: latest")),
                named(get + "escaped name and label metadata", get(Served.D, "/v1/models/modelname" + ESCAPED
                        + "/labels/latest" + ESCAPED + "/metadata", 400, Expect.ERROR,
                        "Unrecognized servable version label: latest" + DECODED)),
                named(post + "escaped name", post(Served.D, "/v1/models/modelname" + ESCAPED + ":predict", one, 404,
                        Expect.ERROR, "Servable not found for request: Latest(modelname" + DECODED + ")")),
                named(post + "version", post(Served.D, "/v1/models/modelname/versions/99:predict", one, 404,
                        Expect.ERROR, "Servable not found for request: Specific(modelname, 99)")),
                named(post + "label", post(Served.D, "/v1/models/modelname/labels/latest:predict", one, 400,
                        Expect.ERROR, "Unrecognized servable version label: latest")),
                named(post + "escaped label", post(Served.D, "/v1/models/modelname/labels/latest" + ESCAPED
                        + ":predict", one, 400, Expect.ERROR, "Unrecognized servable version label: latest"
                        + DECODED)),
                named(post + "escaped name and label", post(Served.D, "/v1/models/modelname" + ESCAPED
                        + "/labels/latest" + ESCAPED + ":predict", one, 400, Expect.ERROR,
                        "Unrecognized servable version label: latest" + DECODED)),
                named(post + "version out of int64", post(Served.D,
                        "/v1/models/foo/versions/18446744073709551615:predict", one, 400, Expect.ERROR,
                        "Failed to convert version: 18446744073709551615 to numeric.")));
        Stream<Named<Case>> malformedGets = Stream.of("/v1/foo", "/v1/models/foo:predict",
                "/v1/models/foo/version/50:predict").map(path -> named(get + "no match " + path,
                get(Served.D, path, 400, Expect.ERROR, "Malformed request: GET " + path)));
        Stream<Named<Case>> malformedPosts = Stream.of("/v1/foo", "/v1/models", "/v1/models/foo/version/50:predict",
                "/v1/models/foo/versions/string:predict", "/v1/models/foo/metadata",
                "/v1/models/foo/versions/50/labels/some_label:regress").map(path -> named(post + "no match " + path,
                post(Served.D, path, one, 400, Expect.ERROR, "Malformed request: POST " + path)));
        return Stream.of(cases, malformedGets, malformedPosts).flatMap(s -> s);
    }

    static Stream<Named<Case>> tensorflowModelServerTest() {
        String src = "tensorflow_model_server_test.py: ";
        String docs = "g3doc/api_rest.md: ";
        return Stream.of(
                named(src + "testPredictREST", post(Served.D, D_PREDICT, "{\"instances\": [2.0, 3.0, 4.0]}", 200,
                        Expect.JSON, "{\"predictions\": [3.0, 3.5, 4.0]}")),
                named(src + "testPredictColumnarREST", post(Served.D, D_PREDICT, "{\"inputs\": [2.0, 3.0, 4.0]}",
                        200, Expect.JSON, "{\"outputs\": [3.0, 3.5, 4.0]}")),
                named(src + "testGetStatusREST", get(Served.D, "/v1/models/default", 200, Expect.JSON,
                        "{\"model_version_status\": [{\"version\": \"123\", \"state\": \"AVAILABLE\", \"status\": "
                                + "{\"error_code\": \"OK\", \"error_message\": \"\"}}]}")),
                named(src + "testGetModelMetadataREST = half_plus_two_model_metadata.json", get(Served.D,
                        "/v1/models/default/metadata", 200, Expect.JSON, metadata(D, false))),
                named(src + "testPrometheusEndpoint", get(Served.D, "/monitoring/prometheus/metrics", 200,
                        Expect.STATUS, null)),
                named(src + "test_profiler_service_with_valid_trace_request (its predict)", post(Served.D,
                        D_PREDICT, "{\"instances\": [2.0, 3.0, 4.0]}", 200, Expect.JSON,
                        "{\"predictions\": [3.0, 3.5, 4.0]}")),
                named(docs + "Example: unknown model", post(Served.D, "/v1/models/half:predict",
                        "{\"instances\": [1.0,5.0]}", 404, Expect.ERROR,
                        "Servable not found for request: Latest(half)")),
                named(docs + "quick start [1.0, 2.0, 5.0]", post(Served.D, D_PREDICT,
                        "{\"instances\": [1.0, 2.0, 5.0]}", 200, Expect.JSON, "{\"predictions\": [2.5, 3.0, 4.5]}")));
    }

    /** json_tensor_test.cc's request cases with a single float input, sent to {@code default}'s x. */
    static Stream<Named<Case>> jsonTensorTest() {
        String src = "json_tensor_test.cc: TEST(JsontensorTest, ";
        String element = "Failed to process element: ";
        return Stream.of(
                predict(src + "SingleUnnamedTensor)", "{\"instances\": [[1,2],[3,4],[5,6]]}", 200, Expect.JSON,
                        "{\"predictions\": [[2.5,3.0],[3.5,4.0],[4.5,5.0]]}"),
                predict(src + "DeeplyNestedWellFormed)", "{\"instances\":[1], \"nested\":" + NESTED + "}", 200,
                        Expect.JSON, "{\"predictions\": [2.5]}"),
                predict(src + "DeeplyNestedMalformed)", "{\"signature_name\":" + NESTED + "}", 400,
                        Expect.ERROR_CONTAINING, "key must be a string value"),
                predict(src + "MixedInputForFloatTensor)", "{\"instances\": [1, 2.0, 3, 4, 5.003, 0.007, 0.0]}",
                        200, Expect.JSON, "{\"predictions\": [2.5, 3.0, 3.5, 4.0, 4.5015, 2.0035, 2.0]}"),
                predict(src + "FloatTensorWithPrecisionLoss) integer", "{\"instances\": [1435774380]}", 200,
                        Expect.JSON, "{\"predictions\": [717887168.0]}"),
                predict(src + "FloatTensorWithPrecisionLoss) decimal", "{\"instances\": [1435774380.0]}", 200,
                        Expect.JSON, "{\"predictions\": [717887168.0]}"),
                predict(src + "FloatTensorThatExceedsMaxReturnsInf)", "{ \"instances\": [1.79769e+308] }", 200,
                        Expect.JSON, "{\"predictions\": [Infinity]}"),
                predict(src + "FloatTensorThatExceedsMaxReturnsInf) negative", "{ \"instances\": [-1.79769e+308] }",
                        200, Expect.JSON, "{\"predictions\": [-Infinity]}"),
                predict(src + "FloatTensorThatExceedsMinReturnsZero)", "{ \"instances\": [2.22507e-308] }", 200,
                        Expect.JSON, "{\"predictions\": [2.0]}"),
                predict(src + "FloatTensorThatExceedsMinReturnsZero) negative",
                        "{ \"instances\": [-2.22507e-308] }", 200, Expect.JSON, "{\"predictions\": [2.0]}"),
                predict(src + "SingleUnnamedTensorWithSignature)",
                        "{\"signature_name\": \"predict_images\", \"instances\": [[1,2]]}", 400, Expect.ERROR,
                        "Serving signature name: \"predict_images\" not found in signature def"),
                predict(src + "TensorFromNonNullTerminatedBuffer)", "{\"instances\": [[1,2],[3,4],[5,6]]}X", 200,
                        Expect.JSON, "{\"predictions\": [[2.5,3.0],[3.5,4.0],[4.5,5.0]]}"),
                predict(src + "MultipleNamedTensor) named x with NaN", "{\"instances\": [{\"x\": 1.0}, "
                        + "{\"x\": NaN}]}", 200, Expect.JSON, "{\"predictions\": [2.5, NaN]}"),
                predict(src + "SingleUnnamedTensorColumnarFormat) named", "{\"inputs\": {\"x\": "
                        + "[[[1,2],[3,4],[5,6]]]}}", 200, Expect.JSON,
                        "{\"outputs\": [[[2.5,3.0],[3.5,4.0],[4.5,5.0]]]}"),
                predict(src + "SingleUnnamedTensorColumnarFormat) unnamed", "{\"inputs\": [[[1,2],[3,4],[5,6]]]}",
                        200, Expect.JSON, "{\"outputs\": [[[2.5,3.0],[3.5,4.0],[4.5,5.0]]]}"),
                predict(src + "SingleUnnamedTensorErrors) empty", "", 400, Expect.ERROR_CONTAINING,
                        "document is empty"),
                predict(src + "SingleUnnamedTensorErrors) signature_name 5",
                        "{\"signature_name\": 5, \"instances\": [[1,2],[3,4],[5,6,7]]}", 400,
                        Expect.ERROR_CONTAINING, "must be a string value"),
                predict(src + "SingleUnnamedTensorErrors) instances and inputs",
                        "{\"instances\": [[1,2],[3,4],[5,6,7]], \"inputs\": [[1,2],[3,4],[5,6,7]]}", 400,
                        Expect.ERROR_CONTAINING, "Not formatted correctly"),
                predict(src + "SingleUnnamedTensorErrors) tensor size", "{\"instances\": [[1,2],[3,4],[5,6,7]]}",
                        400, Expect.ERROR, element + "2 of 'instances' list. Error: INVALID_ARGUMENT: Expecting "
                                + "tensor size: 2 but got: 3"),
                predict(src + "SingleUnnamedTensorErrors) shape", "{\"instances\": [[1,2],[3,4],[[5,6]]]}", 400,
                        Expect.ERROR, element + "2 of 'instances' list. Error: INVALID_ARGUMENT: Expecting shape "
                                + "[2] but got: [1,2]"),
                predict(src + "SingleUnnamedTensorErrors) scalar then list", "{\"instances\": [1, [1]]}", 400,
                        Expect.ERROR, element + "1 of 'instances' list. Error: INVALID_ARGUMENT: Expecting shape "
                                + "[] but got: [1]"),
                predict(src + "SingleUnnamedTensorErrors) type", "{\"instances\": [[1,2],[\"a\", \"b\"]]}", 400,
                        Expect.ERROR, element + "1 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: \"a\" "
                                + "Type: String is not of expected type: float"),
                predict(src + "MultipleNamedTensorErrors) object then list",
                        "{\"instances\": [{\"x\": 1.0}, [1.0]]}", 400, Expect.ERROR,
                        "Expecting object but got list at item 1 of input list"),
                predict(src + "MultipleNamedTensorErrors) list then object",
                        "{\"instances\": [[1.0], {\"x\": [1.0]}]}", 400, Expect.ERROR,
                        "Expecting value/list but got object at item 1 of input list"));
    }

    /** Cases that follow from TF Serving's code (rest-cases.md §9), not in its test files. */
    static Stream<Named<Case>> derived() {
        String src = "derived: ";
        return Stream.of(
                named(src + "PUT is malformed", new Case(Served.D, "PUT", D_PREDICT, "{\"instances\":[1.0]}", 400,
                        Expect.ERROR, "Malformed request: PUT " + D_PREDICT)),
                named(src + "DELETE is malformed", new Case(Served.D, "DELETE", "/v1/models/default", null, 400,
                        Expect.ERROR, "Malformed request: DELETE /v1/models/default")),
                named(src + ":PREDICT is malformed (the verb is compared exactly)", post(Served.D,
                        "/v1/models/default:PREDICT", "{\"instances\":[1.0]}", 400, Expect.ERROR,
                        "Malformed request: POST /v1/models/default:PREDICT")),
                named(src + "/METADATA asks for the status", get(Served.D, "/V1/MODELS/default/METADATA", 200,
                        Expect.JSON, "{\"model_version_status\": [{\"version\": \"123\", \"state\": \"AVAILABLE\", "
                                + "\"status\": {\"error_code\": \"OK\", \"error_message\": \"\"}}]}")),
                named(src + "outside /v1/ is not TF Serving's", get(Served.D, "/v3/models", 404, Expect.STATUS,
                        null)),
                predict(src + "instances not a list", "{\"instances\": 1.0}", 400, Expect.ERROR,
                        "JSON Value: {\n    \"instances\": 1.0\n} Expecting 'instances' to be an list/array"),
                predict(src + "instances empty", "{\"instances\": []}", 400, Expect.ERROR,
                        "JSON Value: {\n    \"instances\": []\n} No values in 'instances' array"),
                predict(src + "no inputs", "{}", 400, Expect.ERROR, "Missing 'inputs' or 'instances' key"),
                predict(src + "not an object", "[1,2]", 400, Expect.ERROR, "JSON Value: [1, 2] Is not object"),
                predict(src + "scalar in, scalar out", "{\"inputs\": 1.0}", 200, Expect.JSON, "{\"outputs\": 2.5}"),
                predict(src + "2^24 into a float", "{\"instances\": [16777216]}", 200, Expect.JSON,
                        "{\"predictions\": [8.38861e+06]}"),
                predict(src + "FLT_MAX", "{\"instances\": [3.4028235e38]}", 200, Expect.JSON,
                        "{\"predictions\": [1.70141173e+38]}"),
                predict(src + "[-1,1] as given", "{\"instances\": [[1.0], [2.0]]}", 200, Expect.JSON,
                        "{\"predictions\": [[2.5], [3.0]]}"),
                predict(src + "unknown named input", "{\"instances\": [{\"y\": 1.0}]}", 400, Expect.ERROR,
                        "Failed to process element: 0 key: y of 'instances' list. Error: INVALID_ARGUMENT: "
                                + "JSON object: does not have named input: y"),
                predict(src + "missing named input", "{\"inputs\": {\"y\": [1.0]}}", 400, Expect.ERROR,
                        "Missing named input: x in 'inputs' object."),
                predict(src + "predict on a regress signature",
                        "{\"signature_name\": \"regress_x2_to_y3\", \"inputs\": [[1.0]]}", 200, Expect.JSON,
                        "{\"outputs\": [[3.5]]}"),
                named(src + "CORS preflight with an origin", new Case(Served.D, "OPTIONS", D_PREDICT, null, 200,
                        Expect.EMPTY, null, "http://a")),
                named(src + "CORS preflight without an origin", new Case(Served.D, "OPTIONS", D_PREDICT, null, 400,
                        Expect.EMPTY, null)),
                named(src + "unknown version status", get(Served.D, "/v1/models/default/versions/7", 404,
                        Expect.ERROR, "Could not find version 7 of model default")),
                named(src + "unknown version metadata", get(Served.D, "/v1/models/default/versions/7/metadata",
                        404, Expect.ERROR, "Servable not found for request: Specific(default, 7)")),
                predict(src + "garbage after the document", "{\"instances\": [1.0]}}}}", 200, Expect.JSON,
                        "{\"predictions\": [2.5]}"));
    }

    /** The GetModelMetadata answer of TF Serving's metadata JSON files, from the signature table. */
    private static String metadata(String model, boolean withClassifyX2ToY3) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("model_spec").put("name", model).put("signature_name", "").put("version", "123");
        ObjectNode defs = answer.putObject("metadata").putObject("signature_def").putObject("signature_def");
        signature(defs, "serving_default", HalfPlusTwo.PREDICT, "x", "x:0", "y", "y:0");
        signature(defs, "classify_x_to_y", HalfPlusTwo.CLASSIFY, "inputs", "tf_example:0", "scores", "y:0");
        signature(defs, "regress_x_to_y", HalfPlusTwo.REGRESS, "inputs", "tf_example:0", "outputs", "y:0");
        signature(defs, "regress_x_to_y2", HalfPlusTwo.REGRESS, "inputs", "tf_example:0", "outputs", "y2:0");
        signature(defs, "regress_x2_to_y3", HalfPlusTwo.REGRESS, "inputs", "x2:0", "outputs", "y3:0");
        if (withClassifyX2ToY3) {
            signature(defs, HalfPlusTwo.CLASSIFY_X2_TO_Y3, HalfPlusTwo.CLASSIFY, "inputs", "x2:0", "scores", "y3:0");
        }
        return answer.toString();
    }

    private static void signature(ObjectNode defs, String key, String method, String input, String inputTensor,
            String output, String outputTensor) {
        ObjectNode def = defs.putObject(key);
        tensor(def.putObject("inputs").putObject(input), inputTensor);
        tensor(def.putObject("outputs").putObject(output), outputTensor);
        def.put("method_name", method);
        def.putObject("defaults");
    }

    /** tf_example:0 is a DT_STRING of unknown rank; every other tensor a DT_FLOAT [-1,1]. */
    private static void tensor(ObjectNode tensor, String name) {
        boolean example = name.equals("tf_example:0");
        tensor.put("dtype", example ? "DT_STRING" : "DT_FLOAT");
        ObjectNode shape = tensor.putObject("tensor_shape");
        ArrayNode dims = shape.putArray("dim");
        if (!example) {
            dims.addObject().put("size", "-1").put("name", "");
            dims.addObject().put("size", "1").put("name", "");
        }
        shape.put("unknown_rank", example);
        tensor.put("name", name);
    }

    private static Named<Case> predict(String name, String body, int status, Expect expect, String expected) {
        return named(name, post(Served.D, D_PREDICT, body, status, expect, expected));
    }

    private static Case get(Served served, String path, int status, Expect expect, String expected) {
        return new Case(served, "GET", path, null, status, expect, expected);
    }

    private static Case post(Served served, String path, String body, int status, Expect expect, String expected) {
        return new Case(served, "POST", path, body, status, expect, expected);
    }

    private static Named<Case> named(String name, Case c) {
        return Named.of(name, c);
    }

    private static String error(RestClient.Reply reply) {
        JsonNode body = parse(reply.body());
        assertThat(body.size()).as(reply.body()).isEqualTo(1);
        return body.path("error").asText(null);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + text, e);
        }
    }

    /** JSON equality as rapidjson's and Python's: numbers by value, NaN equal to NaN. */
    static boolean sameJson(JsonNode actual, JsonNode expected) {
        Comparator<JsonNode> numbersByValue = (a, b) -> a.isNumber() && b.isNumber()
                ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;
        return actual.equals(numbersByValue, expected);
    }

    /** The cases, for counting in the report. */
    static List<Named<Case>> all() {
        return Stream.of(httpRestApiHandlerTest(), httpRestApiUtilTest(), tensorflowModelServerTest(),
                jsonTensorTest(), derived()).flatMap(s -> s).toList();
    }
}
