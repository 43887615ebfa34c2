package io.edgeloop.modelserver.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON values as TF Serving's error messages quote them (json_tensor.cc's JsonValueToDebugString): rapidjson's
 * PrettyWriter with single-line arrays and an indent of four, stopped once 256 bytes are written, so a client finds
 * the same text in our errors and an image is not echoed back whole.
 */
public final class JsonText {

    private static final int MAX_BYTES = 256;
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** One open object or array, and how many keys and values it has had (rapidjson's Level). */
    private static final class Level {
        final boolean array;
        int count;

        Level(boolean array) {
            this.array = array;
        }
    }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Level> levels = new ArrayDeque<>();
    private int bytes;

    private JsonText() {
    }

    /** The value as TF Serving prints it in an error, at most a little over 256 bytes (possibly cut mid-value). */
    public static String quote(JsonNode value) {
        JsonText text = new JsonText();
        text.value(value);
        return text.out.toString();
    }

    /** rapidjson's type names, as in {@code Type: String is not of expected type: float}. */
    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case NULL, MISSING -> "Null";
            case BOOLEAN -> value.booleanValue() ? "True" : "False";
            case OBJECT, POJO -> "Object";
            case ARRAY -> "Array";
            case STRING, BINARY -> "String";
            case NUMBER -> "Number";
        };
    }

    /** Writes one value; false once the limit stopped the writing (the depth stays below the limit, too). */
    private boolean value(JsonNode node) {
        if (bytes >= MAX_BYTES) {
            return false;
        }
        prefix();
        if (node.isObject()) {
            levels.push(new Level(false));
            write("{");
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (bytes >= MAX_BYTES) {
                    return false;
                }
                prefix();
                write(string(field.getKey()));
                if (!value(field.getValue())) {
                    return false;
                }
            }
            return end("}", true);
        }
        if (node.isArray()) {
            levels.push(new Level(true));
            write("[");
            for (JsonNode element : node) {
                if (!value(element)) {
                    return false;
                }
            }
            return end("]", false);
        }
        String scalar = scalar(node);
        if (scalar == null) {
            return false; // rapidjson's writer refuses NaN and infinities, which ends the text
        }
        write(scalar);
        return true;
    }

    private boolean end(String close, boolean newline) {
        if (bytes >= MAX_BYTES) {
            return false;
        }
        boolean empty = levels.pop().count == 0;
        if (!empty && newline) {
            write("\n" + " ".repeat(4 * levels.size()));
        }
        write(close);
        return true;
    }

    /** rapidjson PrettyWriter's PrettyPrefix with kFormatSingleLineArray. */
    private void prefix() {
        Level level = levels.peek();
        if (level == null) {
            return;
        }
        if (level.array) {
            if (level.count > 0) {
                write(", ");
            }
        } else {
            if (level.count == 0) {
                write("\n");
            } else {
                write(level.count % 2 == 0 ? ",\n" : ": ");
            }
            if (level.count % 2 == 0) {
                write(" ".repeat(4 * levels.size()));
            }
        }
        level.count++;
    }

    private void write(String text) {
        out.append(text);
        bytes += text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String scalar(JsonNode node) {
        if (node.isTextual()) {
            return string(node.textValue());
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue());
        }
        if (node.isNull() || !node.isNumber()) {
            return "null";
        }
        if (node.isIntegralNumber() && node.bigIntegerValue().abs().compareTo(UINT64_MAX) <= 0) {
            return node.bigIntegerValue().toString();
        }
        double value = node.doubleValue();
        return Double.isFinite(value) ? shortest(value) : null;
    }

    /** rapidjson's Writer::Double: the shortest digits, laid out by its Prettify. */
    static String shortest(double value) {
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int length = digits.length();
        int k = -decimal.scale();
        int kk = length + k;
        String text;
        if (k >= 0 && kk <= 21) {
            text = digits + "0".repeat(k) + ".0";
        } else if (kk > 0 && kk <= 21) {
            text = digits.substring(0, kk) + "." + digits.substring(kk);
        } else if (kk > -6 && kk <= 0) {
            text = "0." + "0".repeat(-kk) + digits;
        } else if (length == 1) {
            text = digits + "e" + (kk - 1);
        } else {
            text = digits.charAt(0) + "." + digits.substring(1) + "e" + (kk - 1);
        }
        return value < 0 ? "-" + text : text;
    }

    /** A JSON string as rapidjson escapes it: quote, backslash and control characters. */
    private static String string(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04X", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
