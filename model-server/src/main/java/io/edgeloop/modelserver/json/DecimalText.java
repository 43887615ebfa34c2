package io.edgeloop.modelserver.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floats and doubles as TF Serving's JSON answers write them (json_tensor.cc's WriteDecimal): C's {@code %g} (six
 * significant digits), or {@code %.9g} / {@code %.17g} when six digits do not read back as the same value, with
 * {@code .0} added to whole numbers, and {@code NaN}, {@code Infinity}, {@code -Infinity} as bare tokens. A float
 * 0.2 is written {@code 0.2}, not the {@code 0.20000000298023224} of its double.
 */
final class DecimalText {

    private DecimalText() {
    }

    /** A JSON number written as {@link #of(float)} writes it (Jackson would write Java's shortest form). */
    static JsonNode json(float value) {
        return JsonNodeFactory.instance.rawValueNode(new RawValue(of(value)));
    }

    static JsonNode json(double value) {
        return JsonNodeFactory.instance.rawValueNode(new RawValue(of(value)));
    }

    static String of(float value) {
        if (!Float.isFinite(value)) {
            return nonFinite(value);
        }
        String text = percentG(value, 6);
        if (Float.parseFloat(text) != value) {
            text = percentG(value, 9);
        }
        return wholeMarked(text);
    }

    static String of(double value) {
        if (!Double.isFinite(value)) {
            return nonFinite(value);
        }
        String text = percentG(value, 6);
        if (Double.parseDouble(text) != value) {
            text = percentG(value, 17);
        }
        return wholeMarked(text);
    }

    /** C's {@code %.<precision>g} of a finite value: rounded half-even on its exact binary value, zeros stripped. */
    static String percentG(double value, int precision) {
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < precision) {
            return stripZeros(rounded.setScale(precision - 1 - exponent, RoundingMode.HALF_EVEN).toPlainString());
        }
        BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(precision - 1, RoundingMode.HALF_EVEN);
        String digits = String.format("%02d", Math.abs(exponent));
        return stripZeros(mantissa.toPlainString()) + "e" + (exponent < 0 ? "-" : "+") + digits;
    }

    private static String stripZeros(String text) {
        if (text.indexOf('.') < 0) {
            return text;
        }
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        return text.substring(0, end);
    }

    private static String wholeMarked(String text) {
        return text.indexOf('.') < 0 && text.indexOf('e') < 0 ? text + ".0" : text;
    }

    private static String nonFinite(double value) {
        return Double.isNaN(value) ? "NaN" : value < 0 ? "-Infinity" : "Infinity";
    }
}
