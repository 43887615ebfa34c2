package io.edgeloop.modelserver.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.edgeloop.modelserver.examples.ExampleBatch;
import io.edgeloop.modelserver.inference.ApiError;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * JSON {@code examples} and {@code context} to tf.Examples as TF Serving's json_tensor.cc makes them; the cases of
 * json_tensor_test.cc ClassifyRegressRequestTest (typed there over classification and regression requests, which
 * share the one conversion), plus the kind rules behind them.
 */
class ExampleRequestParserTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final ExampleRequestParser parser = new ExampleRequestParser();

    /** json_tensor_test.cc ClassifyRegressRequestTest RequestNoContext. */
    @Test
    void requestNoContext() {
        ExampleRequest request = read("""
                {"examples": [{"names": ["foo", "bar"], "ratings": [8.0, 9.0], "age": 20},
                              {"names": ["baz"], "ratings": 6.0}]}""");

        assertThat(request.signatureName()).isEmpty();
        assertThat(request.context()).isEmpty();
        assertThat(request.examples()).containsExactly(
                example("names", bytes("foo", "bar"), "ratings", floats(8f, 9f), "age", ints(20)),
                example("names", bytes("baz"), "ratings", floats(6f)));
    }

    /** json_tensor_test.cc ClassifyRegressRequestTest RequestWithContextAndSignature. */
    @Test
    void requestWithContextAndSignature() {
        ExampleRequest request = read("""
                {"signature_name": "custom_signture",
                 "context": {"query": "pizza", "location": ["sfo"]},
                 "examples": [{"names": ["foo", "bar"], "ratings": [8.0, 9.0, NaN, Infinity], "age": 20},
                              {"names": ["baz", {"b64": "aGVsbG8="}], "ratings": 6.0, "intboolmix": [1, true, false]},
                              {"names": "bar", "ratings": -Infinity}]}""");

        assertThat(request.signatureName()).isEqualTo("custom_signture");
        assertThat(request.context()).contains(example("query", bytes("pizza"), "location", bytes("sfo")));
        assertThat(request.examples()).containsExactly(
                example("names", bytes("foo", "bar"), "ratings",
                        floats(8f, 9f, Float.NaN, Float.POSITIVE_INFINITY), "age", ints(20)),
                example("names", bytes("baz", "hello"), "ratings", floats(6f), "intboolmix", ints(1, 1, 0)),
                example("names", bytes("bar"), "ratings", floats(Float.NEGATIVE_INFINITY)));
    }

    /** json_tensor_test.cc ClassifyRegressRequestTest JsonErrors. */
    @Test
    void jsonErrors() {
        assertError("{\"signature_name\": [ \"hello\" ], \"examples\": [ { \"names\": [ \"foo\", \"bar\" ] } ]}",
                "'signature_name' key must be a string");
        assertError("{\"context\": [ { \"names\": [ \"foo\", \"bar\" ] } ]}",
                "Example must be JSON object but got JSON Array");
        assertError("{\"examples\": { \"names\": [ \"foo\", \"bar\" ] }}",
                "Expecting 'examples' value to be an list/array");
        assertError("{\"examples\": [ [ { \"names\": [ \"foo\", \"bar\" ] } ] ]}",
                "Example must be JSON object but got JSON Array");
        assertError("{\"examples\": [ { \"names\": [ 10, null ] } ]}",
                "Feature: names has element with unexpected JSON type: Null");
        assertError("{\"examples\": [ { \"names\": [ 10, 10.0 ] } ]}",
                "Unexpected element type in feature: names expecting type: int64");
        assertError("{\"examples\": [ { \"names\": [ 10, { \"test\": 10 } ] } ]}",
                "Feature: names has element with unexpected JSON type: Object");
        assertError("{\"examples\": [ { \"names\": [ [10], 20 ] } ]}",
                "Feature: names has element with unexpected JSON type: Array");
        assertError("{\"examples\": [ { \"names\": [ 20, 18446744073709551603 ] } ]}",
                "Feature: names has uint64_t element. Only int64_t is supported.");
    }

    @Test
    void integersAreInt64FromTheSmallestToTheLargestAndBeyondUint64TheyAreFloats() {
        ExampleRequest request = read("{\"examples\": [{\"i\": [-9223372036854775808, 9223372036854775807, -0], "
                + "\"big\": [18446744073709551616, -9223372036854775809, 1e2]}]}");

        assertThat(request.examples().get(0)).isEqualTo(example(
                "i", ints(Long.MIN_VALUE, Long.MAX_VALUE, 0),
                "big", floats(1.8446744e19f, -9.223372e18f, 100f)));
    }

    @Test
    void mixingKindsNamesTheKindTheFeatureAlreadyHas() {
        assertError("{\"examples\": [{\"f\": [1.5, 2]}]}",
                "Unexpected element type in feature: f expecting type: float");
        assertError("{\"examples\": [{\"f\": [\"a\", true]}]}",
                "Unexpected element type in feature: f expecting type: bytes");
        assertError("{\"examples\": [{\"f\": [true, {\"b64\": \"aGVsbG8=\"}]}]}",
                "Unexpected element type in feature: f expecting type: int64");
    }

    @Test
    void anEmptyListIsAFeatureOfNoKindAndBadBase64IsRefused() {
        assertThat(read("{\"examples\": [{\"f\": []}]}").examples().get(0).getFeatures().getFeatureOrThrow("f")
                .getKindCase()).isEqualTo(Feature.KindCase.KIND_NOT_SET);
        assertError("{\"examples\": [{\"f\": {\"b64\": \"@@@\"}}]}", "Unable to base64 decode");
    }

    @Test
    void emptyOrMissingExamplesAreRefusedWithTheWholeDocument() {
        assertError("{\"examples\": []}", " 'examples' value is an empty array");
        assertError("{\"examples\": 1}", " Expecting 'examples' value to be an list/array");
        assertError("{\"context\": {}}", " When method is classify, key 'examples' is expected and was not found");
    }

    /** classifier_test.cc ExampleListWithContext: the model sees the context's features under each example's. */
    @Test
    void theBatchPutsTheContextBeforeEachExampleSoExampleFeaturesWin() throws InvalidProtocolBufferException {
        ExampleBatch batch = read("{\"context\": {\"x\": 1.0, \"lang\": \"en\"}, "
                + "\"examples\": [{}, {\"x\": 4.0, \"x2\": 3}]}").batch();

        assertThat(batch.size()).isEqualTo(2);
        assertThat(Example.parseFrom(batch.serialized().get(0)))
                .isEqualTo(example("x", floats(1f), "lang", bytes("en")));
        assertThat(Example.parseFrom(batch.serialized().get(1)))
                .isEqualTo(example("x", floats(4f), "lang", bytes("en"), "x2", ints(3)));
    }

    @Test
    void withoutContextTheBatchIsTheExamplesSerialized() {
        ExampleRequest request = read("{\"examples\": [{\"x\": 1.0}, {\"x\": 2.0}]}");

        assertThat(request.batch().serialized()).containsExactly(request.examples().get(0).toByteArray(),
                request.examples().get(1).toByteArray());
    }

    private ExampleRequest read(String json) {
        try {
            return parser.read((ObjectNode) JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void assertError(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(ApiError.class).hasMessageContaining(message)
                .extracting(e -> ((ApiError) e).httpStatus()).isEqualTo(400);
    }

    private static Example example(Object... namesAndFeatures) {
        Features.Builder features = Features.newBuilder();
        for (int i = 0; i < namesAndFeatures.length; i += 2) {
            features.putFeature((String) namesAndFeatures[i], (Feature) namesAndFeatures[i + 1]);
        }
        return Example.newBuilder().setFeatures(features).build();
    }

    private static Feature bytes(String... values) {
        BytesList.Builder list = BytesList.newBuilder();
        for (String value : values) {
            list.addValue(ByteString.copyFromUtf8(value));
        }
        return Feature.newBuilder().setBytesList(list).build();
    }

    private static Feature floats(float... values) {
        FloatList.Builder list = FloatList.newBuilder();
        for (float value : values) {
            list.addValue(value);
        }
        return Feature.newBuilder().setFloatList(list).build();
    }

    private static Feature ints(long... values) {
        return Feature.newBuilder().setInt64List(Int64List.newBuilder().addAllValue(
                Arrays.stream(values).boxed().toList())).build();
    }
}
