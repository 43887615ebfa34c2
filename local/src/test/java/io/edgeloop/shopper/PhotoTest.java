package io.edgeloop.shopper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PhotoTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};

    private static Map<String, Object> request(Object image) {
        Map<String, Object> request = new HashMap<>();
        request.put("image", image);
        return request;
    }

    @Test
    void jpegAndPngAreTakenWithTheirContentType() {
        assertThat(Photo.fromBytes(JPEG, 100).contentType()).isEqualTo("image/jpeg");
        assertThat(Photo.fromBytes(PNG, 100).contentType()).isEqualTo("image/png");
        assertThat(Photo.fromBytes(PNG, 100).bytes()).isEqualTo(PNG);
    }

    @Test
    void anythingElseIsNotAnImage() {
        assertThatThrownBy(() -> Photo.fromBytes("plain text".getBytes(), 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not an image: expected a JPEG or PNG photo");
        assertThatThrownBy(() -> Photo.fromBytes(new byte[] {(byte) 0xFF, (byte) 0xD8}, 100))
                .hasMessage("not an image: expected a JPEG or PNG photo");
        assertThatThrownBy(() -> Photo.fromBytes(null, 100)).hasMessage("not an image: expected a JPEG or PNG photo");
    }

    @Test
    void aPhotoOverTheLimitIsRefusedWithItsSize() {
        assertThat(Photo.fromBytes(JPEG, JPEG.length).bytes()).hasSize(JPEG.length);
        assertThatThrownBy(() -> Photo.fromBytes(JPEG, JPEG.length - 1))
                .hasMessage("image of 7 bytes is over the limit of 6 bytes");
    }

    @Test
    void base64ImageIsDecodedWithOrWithoutADataUrlPrefixAndLineBreaks() {
        String base64 = Base64.getEncoder().encodeToString(PNG);
        assertThat(Photo.fromJson(request(base64), 100).bytes()).isEqualTo(PNG);
        assertThat(Photo.fromJson(request("data:image/png;base64," + base64), 100).bytes()).isEqualTo(PNG);
        assertThat(Photo.fromJson(request(base64.substring(0, 4) + "\n" + base64.substring(4)), 100).bytes()).isEqualTo(PNG);
    }

    @Test
    void missingBlankOrNonTextImageIsRefused() {
        for (Map<String, Object> bad : new Map[] {null, Map.of(), request("  "), request(42), Map.of("photo", "abc")}) {
            assertThatThrownBy(() -> Photo.fromJson(bad, 100)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("missing \"image\"");
        }
    }

    @Test
    void invalidBase64IsRefused() {
        assertThatThrownBy(() -> Photo.fromJson(request("%%%"), 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("\"image\" is not valid base64: ");
    }

    @Test
    void predictRequestIsTfServingsRowFormat() {
        assertThat(Photo.fromBytes(JPEG, 100).predictRequest())
                .isEqualTo(Map.of("instances", java.util.List.of(Map.of("b64", Base64.getEncoder().encodeToString(JPEG)))));
    }

    @Test
    void keysAreUniqueUnderTheLabelAsAFolderNameWithTheImagesExtension() {
        Photo jpeg = Photo.fromBytes(JPEG, 100);

        assertThat(jpeg.keyUnder("tea-green")).matches("images/tea-green/\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d-\\d{3}-[0-9a-f]{5}\\.jpg");
        assertThat(Photo.fromBytes(PNG, 100).keyUnder("tea-green")).endsWith(".png");
        assertThat(jpeg.keyUnder("Green Tea/../x")).startsWith("images/green-tea-x/");
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> jpeg.keyUnder("a")).distinct()).hasSize(50);
    }
}
