package io.edgeloop.shopper;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A product photo from a request, checked before anything else happens: a JPEG or PNG no larger than the limit.
 * The one place that knows image signatures; no Camel step decodes base64 or reads magic bytes.
 */
public record Photo(byte[] bytes, String contentType) {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss-SSS");

    /** The base64 {@code image} of a request as Jackson read it (a {@code data:} URL prefix is accepted). */
    public static Photo fromJson(Map<?, ?> request, long maxBytes) {
        if (request == null || !(request.get("image") instanceof String image) || image.isBlank()) {
            throw new IllegalArgumentException("missing \"image\": send {\"image\": \"<base64 JPEG or PNG>\"}");
        }
        String base64 = image.substring(image.startsWith("data:") ? image.indexOf(',') + 1 : 0);
        // Line breaks are allowed; a regex over every photo cost more than decoding it.
        base64 = base64.chars().anyMatch(Character::isWhitespace) ? base64.replaceAll("\\s", "") : base64;
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"image\" is not valid base64: " + e.getMessage());
        }
        return fromBytes(bytes, maxBytes);
    }

    /** The raw request body of /binary. */
    public static Photo fromBytes(byte[] bytes, long maxBytes) {
        byte[] photo = bytes == null ? new byte[0] : bytes;
        if (photo.length > maxBytes) {
            throw new IllegalArgumentException("image of " + photo.length + " bytes is over the limit of " + maxBytes + " bytes");
        }
        for (byte[] signature : List.of(JPEG, PNG)) {
            if (photo.length >= signature.length && Arrays.equals(photo, 0, signature.length, signature, 0, signature.length)) {
                return new Photo(photo, signature == JPEG ? "image/jpeg" : "image/png");
            }
        }
        throw new IllegalArgumentException("not an image: expected a JPEG or PNG photo");
    }

    /** TF Serving's row format for the demo's signature, {@code {"instances": [{"b64": "..."}]}}, to marshal. */
    public Map<String, List<Map<String, String>>> predictRequest() {
        return Map.of("instances", List.of(Map.of("b64", Base64.getEncoder().encodeToString(bytes))));
    }

    /** Its object key under a label, {@code images/<label>/<timestamp>-<random>.jpg}: unique under concurrent requests. */
    public String keyUnder(String label) {
        return "images/" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-") + "/"
                + LocalDateTime.now().format(TIMESTAMP) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000))
                + (contentType.equals("image/png") ? ".png" : ".jpg");
    }
}
