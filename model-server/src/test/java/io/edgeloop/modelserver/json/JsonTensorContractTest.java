package io.edgeloop.modelserver.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.ModelSignature;
import io.edgeloop.modelserver.inference.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * json_tensor_test.cc's unit cases (TEST(JsontensorTest, ...)) on the converters themselves, with synthetic
 * signatures as TF's test uses them (a name -> dtype map), and TF Serving's float formatting and error quoting.
 */
class JsonTensorContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RestRequestParser parser = new RestRequestParser();
    private final PredictResponseWriter writer = new PredictResponseWriter();

    // json_tensor_test.cc: TEST(JsontensorTest, MixedInputForDoubleTensor)
    @Test
    void mixedInputForDoubleTensor() {
        RequestTensor tensor = single("{\"instances\": [1.0, 2, 3, 4, 0.662, 0, 0.0]}", DataType.DT_DOUBLE);

        assertThat(tensor.dims()).containsExactly(7);
        try (TFloat64 values = (TFloat64) tensor.values().toTensor(tensor.dims())) {
            assertThat(values.getDouble(4)).isEqualTo(0.662);
            assertThat(values.getDouble(1)).isEqualTo(2.0);
        }
    }

    // json_tensor_test.cc: TEST(JsontensorTest, SingleUnnamedTensorBase64Scalars) / SingleUnnamedTensorBase64Lists
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"instances\": [ { \"b64\" : \"aGVsbG8=\" }, { \"b64\": \"d29ybGQ=\" } ]}|2",
            "{\"instances\": [ [{ \"b64\" : \"aGVsbG8=\" }], [{ \"b64\": \"d29ybGQ=\" }] ]}|2,1"})
    void base64StringsAreDecoded(String body, String dims) {
        RequestTensor tensor = single(body, DataType.DT_STRING);

        assertThat(TensorSpec.dimsText(tensor.dims())).isEqualTo("[" + dims + "]");
        assertThat(strings(tensor)).containsExactly("hello", "world");
    }

    // json_tensor_test.cc: TEST(JsontensorTest, SingleNamedTensorBase64)
    @Test
    void singleNamedTensorBase64() {
        RequestTensor tensor = parser.inputs(document("{\"instances\": [ { \"default\": [ [{ \"b64\" : \"aGVsbG8=\" }], "
                + "[{ \"b64\": \"d29ybGQ=\" }] ] } ]}"), signature(Map.of("default", DataType.DT_STRING)))
                .tensors().get(0);

        assertThat(tensor.dims()).containsExactly(1, 2, 1);
        assertThat(strings(tensor)).containsExactly("hello", "world");
    }

    // json_tensor_test.cc: TEST(JsontensorTest, MultipleNamedTensor)
    @Test
    void multipleNamedTensor() {
        List<RequestTensor> tensors = parser.inputs(document("""
                {"instances": [{"int_tensor": [[1,2],[3,4],[5,6]], "str_tensor": ["foo","bar"],
                                "float_tensor": [1.0, NaN], "dbl_tensor": [NaN]},
                               {"int_tensor": [[7,8],[9,0],[1,2]], "str_tensor": ["baz","bat"],
                                "float_tensor": [2.0, Infinity], "dbl_tensor": [2.0]}]}"""),
                signature(Map.of("int_tensor", DataType.DT_INT32, "str_tensor", DataType.DT_STRING,
                        "float_tensor", DataType.DT_FLOAT, "dbl_tensor", DataType.DT_DOUBLE))).tensors();

        Map<String, String> dims = new TreeMap<>();
        tensors.forEach(t -> dims.put(t.spec().alias(), TensorSpec.dimsText(t.dims())));
        assertThat(dims).containsExactlyInAnyOrderEntriesOf(Map.of("dbl_tensor", "[2,1]", "float_tensor", "[2,2]",
                "int_tensor", "[2,3,2]", "str_tensor", "[2,2]"));
        RequestTensor floats = tensors.stream().filter(t -> t.spec().alias().equals("float_tensor")).findFirst()
                .orElseThrow();
        try (TFloat32 values = (TFloat32) floats.values().toTensor(floats.dims())) {
            assertThat(values.getFloat(0, 1)).isNaN();
            assertThat(values.getFloat(1, 1)).isEqualTo(Float.POSITIVE_INFINITY);
        }
    }

    // json_tensor_test.cc: TEST(JsontensorTest, SingleUnnamedTensorColumnarFormat)
    @Test
    void singleUnnamedTensorColumnarFormat() {
        for (String body : List.of("{\"inputs\": {\"int_tensor\": [[[1,2],[3,4],[5,6]]]}}",
                "{\"inputs\": [[[1,2],[3,4],[5,6]]]}")) {
            RequestTensor tensor = parser.inputs(document(body), signature(Map.of("int_tensor", DataType.DT_INT32)))
                    .tensors().get(0);
            assertThat(tensor.dims()).containsExactly(1, 3, 2);
        }
    }

    // json_tensor_test.cc: TEST(JsontensorTest, MultipleNamedTensorColumnarFormat)
    @Test
    void multipleNamedTensorColumnarFormat() {
        List<RequestTensor> tensors = parser.inputs(document("{\"inputs\": {\"int_tensor\": [[[1,2],[3,4],[5,6]]], "
                + "\"str_tensor\": [\"foo\", \"bar\"], \"bin_tensor\": { \"b64\" : \"aGVsbG8=\" }}}"),
                signature(Map.of("int_tensor", DataType.DT_INT32, "str_tensor", DataType.DT_STRING,
                        "bin_tensor", DataType.DT_STRING))).tensors();

        RequestTensor bin = tensors.get(0);
        assertThat(bin.spec().alias()).isEqualTo("bin_tensor");
        assertThat(bin.dims()).isEmpty();
        assertThat(strings(bin)).containsExactly("hello");
    }

    // json_tensor_test.cc: TEST(JsontensorTest, MultipleNamedTensorErrors)
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"int_tensor\": [[1,2],[3,4],[5,6]]}, {\"int_tensor\": [[[7,8],[9,0],[1,2]]]}]|Expecting shape",
            "[{\"int_tensor\": [[1,2],[3,4],[5,6],[7,8]]}, {\"int_tensor\": [[7,8],[9,0],[1,2]]}]|Expecting tensor size"})
    void multipleNamedTensorErrors(String instances, String error) {
        assertThatThrownBy(() -> parser.inputs(document("{\"instances\": " + instances + "}"),
                signature(Map.of("int_tensor", DataType.DT_INT32))))
                .isInstanceOf(ApiError.class).hasMessageContaining(error);
    }

    // json_tensor_test.cc: TEST(JsontensorTest, FromJsonSingleTensor) / FromJsonSingleScalarTensor
    @Test
    void fromJsonSingleTensor() {
        int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2};
        assertThat(rows(ints("int_tensor", Shape.of(2, 3, 2), values)))
                .isEqualTo("{\"predictions\":[[[1,2],[3,4],[5,6]],[[7,8],[9,0],[1,2]]]}");
        assertThat(columns(ints("int_tensor", Shape.of(2, 3, 2), values)))
                .isEqualTo("{\"outputs\":[[[1,2],[3,4],[5,6]],[[7,8],[9,0],[1,2]]]}");
        assertThat(rows(ints("int_tensor", Shape.of(5), 1, 2, 3, 4, 5))).isEqualTo("{\"predictions\":[1,2,3,4,5]}");
    }

    // json_tensor_test.cc: TEST(JsontensorTest, FromJsonSingleBytesTensor)
    @Test
    void fromJsonSingleBytesTensor() {
        assertThat(rows(strings("str_tensor_bytes", Shape.of(2, 2), "hello", "world", "tf", "serving")))
                .isEqualTo("{\"predictions\":[[{\"b64\":\"aGVsbG8=\"},{\"b64\":\"d29ybGQ=\"}],"
                        + "[{\"b64\":\"dGY=\"},{\"b64\":\"c2VydmluZw==\"}]]}");
    }

    // json_tensor_test.cc: TEST(JsontensorTest, FromJsonSingleFloatTensorSixDigitPrecision) / ...NonFinite
    @Test
    void floatsAreWrittenWithSixDigitsUnlessThatLosesTheValue() {
        assertThat(rows(floats("float_tensor", Shape.of(2, 3), 9000000f, 999999f, .5f, .0003f, .00003f, 555557.5f)))
                .isEqualTo("{\"predictions\":[[9e+06,999999.0,0.5],[0.0003,3e-05,555557.5]]}");
        assertThat(rows(floats("float_tensor", Shape.of(2, 2), Float.NaN, Float.POSITIVE_INFINITY, 3,
                Float.NEGATIVE_INFINITY))).isEqualTo("{\"predictions\":[[NaN,Infinity],[3.0,-Infinity]]}");
    }

    // json_tensor_test.cc: TEST(JsontensorTest, FromJsonMultipleNamedTensors)
    @Test
    void fromJsonMultipleNamedTensors() {
        List<OutputValues> outputs = List.of(
                doubles("double_scalar_tensor", Shape.of(2), 8, 9),
                floats("float_tensor", Shape.of(2, 1), 1, 2),
                ints("int_tensor", Shape.of(2, 3, 2), 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2),
                strings("str_tensor", Shape.of(2, 2), "foo", "bar", "baz", "bat"),
                strings("str_tensor_bytes", Shape.of(2, 2), "hello", "world", "tf", "serving"));

        assertThat(write(outputs, RestRequestParser.Format.ROW)).isEqualTo("{\"predictions\":["
                + "{\"double_scalar_tensor\":8.0,\"float_tensor\":[1.0],\"int_tensor\":[[1,2],[3,4],[5,6]],"
                + "\"str_tensor\":[\"foo\",\"bar\"],\"str_tensor_bytes\":[{\"b64\":\"aGVsbG8=\"},{\"b64\":\"d29ybGQ=\"}]},"
                + "{\"double_scalar_tensor\":9.0,\"float_tensor\":[2.0],\"int_tensor\":[[7,8],[9,0],[1,2]],"
                + "\"str_tensor\":[\"baz\",\"bat\"],\"str_tensor_bytes\":[{\"b64\":\"dGY=\"},{\"b64\":\"c2VydmluZw==\"}]}]}");
        assertThat(write(outputs, RestRequestParser.Format.COLUMNAR)).isEqualTo("{\"outputs\":{"
                + "\"double_scalar_tensor\":[8.0,9.0],\"float_tensor\":[[1.0],[2.0]],"
                + "\"int_tensor\":[[[1,2],[3,4],[5,6]],[[7,8],[9,0],[1,2]]],\"str_tensor\":[[\"foo\",\"bar\"],"
                + "[\"baz\",\"bat\"]],\"str_tensor_bytes\":[[{\"b64\":\"aGVsbG8=\"},{\"b64\":\"d29ybGQ=\"}],"
                + "[{\"b64\":\"dGY=\"},{\"b64\":\"c2VydmluZw==\"}]]}}");
    }

    // json_tensor_test.cc: TEST(JsontensorTest, FromJsonMultipleNamedTensorsErrors) / ...ZeroBatchTensorsErrors
    @Test
    void rowsNeedOneBatchSize() {
        assertThatThrownBy(() -> write(List.of(ints("int_tensor", Shape.of(2, 3), 1, 2, 3, 4, 5, 6),
                strings("str_tensor", Shape.of(1, 3), "a", "b", "c")), RestRequestParser.Format.ROW))
                .hasMessageContaining("inconsistent batch size");
        assertThatThrownBy(() -> write(List.of(ints("int_tensor", Shape.of(0, 2)),
                strings("str_tensor", Shape.of(1, 2), "a", "b")), RestRequestParser.Format.ROW))
                .hasMessageContaining("inconsistent batch size");
    }

    // json_tensor_test.cc: TEST(JsontensorTest, FromJsonSingleZeroBatchTensor) / FromJsonMultipleZeroBatchTensors
    @Test
    void zeroBatchIsAnEmptyList() {
        assertThat(rows(ints("int_tensor", Shape.of(0, 2)))).isEqualTo("{\"predictions\":[]}");
        assertThat(write(List.of(strings("str_tensor", Shape.of(0, 1, 2)), floats("float_tensor", Shape.of(0, 3, 4))),
                RestRequestParser.Format.ROW)).isEqualTo("{\"predictions\":[]}");
    }

    // json_tensor_test.cc: TEST(JsontensorTest, FromJsonSingleTensorErrors) (empty map, no shape)
    @Test
    void nothingOrScalarsCannotBeRows() {
        assertThatThrownBy(() -> write(List.of(), RestRequestParser.Format.ROW))
                .hasMessageContaining("empty tensor map");
        assertThatThrownBy(() -> rows(ints("int_tensor", Shape.scalar(), 1)))
                .hasMessageContaining("no shape information");
    }

    /** C's %g and TF Serving's round-trip fallback, rest-cases.md §6.2's reference values. */
    @ParameterizedTest
    @CsvSource({"2.5,2.5", "3,3.0", "42,42.0", "9000000,9e+06", "999999,999999.0", "0.00003,3e-05", "0.1,0.1",
            "0.33333334,0.333333343", "16777216,16777216.0", "8388610,8.38861e+06", "1435774336,1.43577434e+09",
            "123456792,123456792.0", "3.4028235e38,3.40282347e+38", "1e10,1e+10", "1.4e-45,1.4013e-45",
            "-0.0,-0.0"})
    void floatText(float value, String text) {
        assertThat(DecimalText.of(value)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0.3333333333333333,0.33333333333333331", "1435774380,1435774380.0", "123456789,123456789.0",
            "1e10,1e+10", "0.2,0.2"})
    void doubleText(double value, String text) {
        assertThat(DecimalText.of(value)).isEqualTo(text);
    }

    /** JsonValueToDebugString: rapidjson's PrettyWriter, single-line arrays, cut after 256 bytes. */
    @Test
    void errorsQuoteJsonAsRapidjsonPrintsIt() throws Exception {
        assertThat(JsonText.quote(JSON.readTree("{\"instances\": [{\"x\": 1.5, \"s\": \"a\\\"b\"}, [], {}]}")))
                .isEqualTo("{\n    \"instances\": [{\n            \"x\": 1.5,\n            \"s\": \"a\\\"b\"\n"
                        + "        }, [], {}]\n}");
        assertThat(JsonText.quote(JSON.readTree("[1e30, 0.000001, 1234567.0, -2]"))).isEqualTo(
                "[1e30, 0.000001, 1234567.0, -2]");
        assertThat(JsonText.quote(JSON.readTree("[\"" + "x".repeat(300) + "\", 1]")))
                .isEqualTo("[\"" + "x".repeat(300) + "\"");
        assertThat(JsonText.quote(JSON.readTree("[".repeat(500) + "]".repeat(500)))).isEqualTo("[".repeat(256));
    }

    private RequestTensor single(String body, DataType dtype) {
        return parser.inputs(document(body), signature(Map.of("default", dtype))).tensors().get(0);
    }

    private static ModelSignature signature(Map<String, DataType> inputs) {
        Map<String, TensorSpec> specs = new TreeMap<>();
        inputs.forEach((name, dtype) -> specs.put(name, new TensorSpec(name, name + ":0", dtype, Shape.unknown())));
        return new ModelSignature("serving_default", "tensorflow/serving/predict", new TreeMap<>(specs),
                new TreeMap<>());
    }

    private ObjectNode document(String body) {
        return parser.document(body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> strings(RequestTensor tensor) {
        List<String> values = new ArrayList<>();
        try (TString strings = (TString) tensor.values().toTensor(tensor.dims())) {
            strings.scalars().forEach(s -> values.add(s.getObject()));
        }
        return values;
    }

    private String rows(OutputValues output) {
        return write(List.of(output), RestRequestParser.Format.ROW);
    }

    private String columns(OutputValues output) {
        return write(List.of(output), RestRequestParser.Format.COLUMNAR);
    }

    private String write(List<OutputValues> outputs, RestRequestParser.Format format) {
        try {
            return JSON.writeValueAsString(writer.write(outputs, format));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutputValues ints(String alias, Shape shape, int... values) {
        return copied(alias, TInt32.tensorOf(shape, DataBuffers.of(values, true, false)));
    }

    private static OutputValues floats(String alias, Shape shape, float... values) {
        return copied(alias, TFloat32.tensorOf(shape, DataBuffers.of(values, true, false)));
    }

    private static OutputValues doubles(String alias, Shape shape, double... values) {
        return copied(alias, TFloat64.tensorOf(shape, DataBuffers.of(values, true, false)));
    }

    private static OutputValues strings(String alias, Shape shape, String... values) {
        return copied(alias, TString.tensorOf(shape, DataBuffers.ofObjects(values)));
    }

    private static OutputValues copied(String alias, Tensor tensor) {
        try (tensor) {
            return OutputValues.of(alias, tensor);
        }
    }
}
