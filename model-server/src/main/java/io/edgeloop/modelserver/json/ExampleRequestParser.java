package io.edgeloop.modelserver.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.edgeloop.modelserver.inference.ApiError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;

/**
 * Reads classify and regress bodies with the rules and messages of TF Serving's json_tensor.cc
 * (FillClassifyRegressRequestFromJson): every key of an example object is a feature whose values (one, or a list)
 * give its kind: numbers written with a fraction or exponent (and NaN, Infinity) a float_list, integers and booleans
 * an int64_list, strings and {@code {"b64": ...}} a bytes_list.
 */
public final class ExampleRequestParser {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** The kinds a feature's values may have, named as TF Serving's errors name them. */
    private enum Kind {
        INT64("int64"), FLOAT("float"), BYTES("bytes");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    /** In TF Serving's order: signature name, context, then examples (all before the model is looked up). */
    public ExampleRequest read(ObjectNode document) {
        String signatureName = RestRequestParser.signatureName(document);
        JsonNode contextJson = document.get("context");
        Optional<Example> context = contextJson == null ? Optional.empty() : Optional.of(example(contextJson));
        JsonNode examplesJson = document.get("examples");
        if (examplesJson == null) {
            throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(document)
                    + " When method is classify, key 'examples' is expected and was not found");
        }
        if (!examplesJson.isArray()) {
            throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(document)
                    + " Expecting 'examples' value to be an list/array");
        }
        if (examplesJson.isEmpty()) {
            throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(document)
                    + " 'examples' value is an empty array");
        }
        List<Example> examples = new ArrayList<>(examplesJson.size());
        for (JsonNode exampleJson : examplesJson) {
            examples.add(example(exampleJson));
        }
        return new ExampleRequest(signatureName, context, examples);
    }

    /** TF Serving's MakeExampleFromJsonObject. */
    private static Example example(JsonNode json) {
        if (!json.isObject()) {
            throw ApiError.invalidArgument("Example must be JSON object but got JSON " + JsonText.kind(json));
        }
        Features.Builder features = Features.newBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            features.putFeature(field.getKey(), feature(field.getKey(), field.getValue()));
        }
        return Example.newBuilder().setFeatures(features).build();
    }

    /** A value or a list of values; an empty list gives a feature of no kind, as in TF Serving. */
    private static Feature feature(String name, JsonNode content) {
        Feature.Builder feature = Feature.newBuilder();
        if (content.isArray()) {
            for (JsonNode value : content) {
                add(name, value, feature);
            }
        } else {
            add(name, content, feature);
        }
        return feature.build();
    }

    /** TF Serving's AddValueToFeature. */
    private static void add(String name, JsonNode value, Feature.Builder feature) {
        if (value.isBoolean()) {
            requireKind(name, feature, Kind.INT64);
            feature.getInt64ListBuilder().addValue(value.booleanValue() ? 1 : 0);
        } else if (value.isTextual()) {
            requireKind(name, feature, Kind.BYTES);
            feature.getBytesListBuilder().addValue(ByteString.copyFromUtf8(value.textValue()));
        } else if (isBase64Object(value)) {
            requireKind(name, feature, Kind.BYTES);
            feature.getBytesListBuilder().addValue(ByteString.copyFrom(base64(value)));
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            requireKind(name, feature, Kind.INT64);
            feature.getInt64ListBuilder().addValue(value.longValue());
        } else if (value.isIntegralNumber() && value.bigIntegerValue().signum() > 0
                && value.bigIntegerValue().compareTo(UINT64_MAX) <= 0) {
            requireKind(name, feature, Kind.INT64);
            throw ApiError.invalidArgument("Feature: " + name + " has uint64_t element. Only int64_t is supported.");
        } else if (value.isNumber()) {
            // rapidjson's doubles: a fraction or exponent, NaN/Infinity, or an integer beyond 64 bits
            requireKind(name, feature, Kind.FLOAT);
            feature.getFloatListBuilder().addValue((float) value.doubleValue());
        } else {
            throw ApiError.invalidArgument("Feature: " + name + " has element with unexpected JSON type: "
                    + JsonText.kind(value));
        }
    }

    private static void requireKind(String name, Feature.Builder feature, Kind kind) {
        Kind current = switch (feature.getKindCase()) {
            case INT64_LIST -> Kind.INT64;
            case FLOAT_LIST -> Kind.FLOAT;
            case BYTES_LIST -> Kind.BYTES;
            case KIND_NOT_SET -> null;
        };
        if (current != null && current != kind) {
            throw ApiError.invalidArgument("Unexpected element type in feature: " + name + " expecting type: "
                    + current.text);
        }
    }

    /** TF Serving's {@code {"b64": "<base64>"}}: an object with that one string member. */
    private static boolean isBase64Object(JsonNode value) {
        return value.isObject() && value.size() == 1 && value.path("b64").isTextual();
    }

    private static byte[] base64(JsonNode value) {
        try {
            return Base64.getDecoder().decode(value.get("b64").textValue());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidArgument("Unable to base64 decode");
        }
    }
}
