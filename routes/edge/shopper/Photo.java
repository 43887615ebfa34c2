package io.edgeloop.shopper;

import java.util.Arrays;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A product photo from a request, checked before anything else happens: a JPEG or PNG no larger than the
 * limit. Requests carry it as base64 in a JSON field ({@code /detection}, MQTT, {@code /ingestion}) or as
 * the raw body ({@code /binary}).
 */
public record Photo(byte[] bytes, String contentType, String product) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** {@code {"image": "<base64>"[, "product": "<label>"]}}; a data URL prefix is accepted. */
    public static Photo fromJson(String body, long maxBytes) {
        JsonNode request;
        try {
            request = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new BadRequestException("body must be JSON: {\"image\": \"<base64 JPEG or PNG>\"}");
        }
        if (request == null || !request.path("image").isTextual() || request.path("image").asText().isBlank()) {
            throw new BadRequestException("missing \"image\": send {\"image\": \"<base64 JPEG or PNG>\"}");
        }
        JsonNode product = request.path("product");
        return checked(decode(request.path("image").asText()), maxBytes, product.isTextual() ? product.asText() : null);
    }

    /** The raw request body of {@code /binary}. */
    public static Photo fromBytes(byte[] body, long maxBytes) {
        return checked(body == null ? new byte[0] : body, maxBytes, null);
    }

    private static byte[] decode(String image) {
        int comma = image.startsWith("data:") ? image.indexOf(',') : -1;
        String base64 = image.substring(comma + 1).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("\"image\" is not valid base64: " + e.getMessage());
        }
    }

    private static Photo checked(byte[] bytes, long maxBytes, String product) {
        if (bytes.length > maxBytes) {
            throw new BadRequestException("image of " + bytes.length + " bytes is over the limit of " + maxBytes + " bytes");
        }
        if (startsWith(bytes, JPEG)) {
            return new Photo(bytes, "image/jpeg", product);
        }
        if (startsWith(bytes, PNG)) {
            return new Photo(bytes, "image/png", product);
        }
        throw new BadRequestException("not an image: expected a JPEG or PNG photo");
    }

    private static boolean startsWith(byte[] bytes, byte[] signature) {
        return bytes.length >= signature.length && Arrays.equals(bytes, 0, signature.length, signature, 0, signature.length);
    }

    /** TF Serving's row format for the demo's signature: {@code {"instances": [{"b64": "..."}]}}. */
    public String predictRequest() {
        return "{\"instances\": [{\"b64\": \"" + Base64.getEncoder().encodeToString(bytes) + "\"}]}";
    }

    public int size() {
        return bytes.length;
    }

    public String extension() {
        return contentType.equals("image/png") ? "png" : "jpg";
    }
}
