package io.edgeloop.modelserver.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.inference.ApiError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A request body read as TF Serving's json_tensor reads it (rapidjson with kParseIterativeFlag, kParseNanAndInfFlag
 * and kParseStopWhenDoneFlag): no nesting limit (the tree is built without recursion), {@code NaN} and
 * {@code Infinity} as numbers, whatever follows the first complete value ignored; errors in rapidjson's words.
 */
final class JsonBodyReader {

    /** Jackson's complaints and the rapidjson error each one is. */
    private static final List<Map.Entry<String, String>> RAPIDJSON_ERRORS = List.of(
            Map.entry("double-quote to start field name", "Missing a name for object member."),
            Map.entry("colon to separate field name", "Missing a colon after a name of object member."),
            Map.entry("comma to separate Object entries", "Missing a comma or '}' after an object member."),
            Map.entry("close marker for Object", "Missing a comma or '}' after an object member."),
            Map.entry("comma to separate Array entries", "Missing a comma or ']' after an array element."),
            Map.entry("close marker for Array", "Missing a comma or ']' after an array element."),
            Map.entry("in field name", "Missing a closing quotation mark in string."),
            Map.entry("in VALUE_STRING", "Missing a closing quotation mark in string."),
            Map.entry("Unrecognized character escape", "Invalid escape character in string."),
            Map.entry("Illegal unquoted character", "Invalid encoding in string."),
            Map.entry("Invalid UTF-8", "Invalid encoding in string."),
            Map.entry("Decimal point not followed by a digit", "Miss fraction part in number."),
            Map.entry("Exponent indicator not followed by a digit", "Miss exponent in number."),
            Map.entry("expected a valid value", "Invalid value."),
            Map.entry("Unrecognized token", "Invalid value."),
            Map.entry("Unexpected end-of-input", "Invalid value."));

    private final ObjectMapper json = JsonMapper.builder(JsonMapper.builder().build().getFactory().rebuild()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** The body as a JSON object; TF Serving's parse errors otherwise. */
    ObjectNode object(byte[] body) {
        if (body.length == 0) {
            throw ApiError.invalidArgument("JSON Parse error: The document is empty");
        }
        JsonNode document;
        try {
            document = json.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            long offset = location == null ? 0 : Math.max(0, location.getByteOffset() - 1);
            throw ApiError.invalidArgument("JSON Parse error: " + rapidjsonError(e.getOriginalMessage())
                    + " at offset: " + offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (document == null || document.isMissingNode()) {
            throw ApiError.invalidArgument("JSON Parse error: The document is empty. at offset: " + body.length);
        }
        if (!document.isObject()) {
            throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(document) + " Is not object");
        }
        return (ObjectNode) document;
    }

    /** rapidjson's text for the error, or Jackson's own where rapidjson has none that fits. */
    private static String rapidjsonError(String jackson) {
        return RAPIDJSON_ERRORS.stream().filter(error -> jackson.contains(error.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(jackson);
    }
}
