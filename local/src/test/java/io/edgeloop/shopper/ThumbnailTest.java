package io.edgeloop.shopper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import io.edgeloop.local.testing.TestImages;
import org.junit.jupiter.api.Test;

class ThumbnailTest {

    private static BufferedImage thumbnail(byte[] photo, int side) throws IOException {
        byte[] jpeg = Thumbnail.of(new ByteArrayInputStream(photo), side);
        assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF);
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    @Test
    void aLandscapePhotoFitsTheSideWithItsProportions() throws IOException {
        BufferedImage image = thumbnail(TestImages.jpeg(1, 640, 480), 160);

        assertThat(image.getWidth()).isEqualTo(160);
        assertThat(image.getHeight()).isEqualTo(120);
    }

    @Test
    void aPortraitPhotoFitsByItsHeight() throws IOException {
        BufferedImage image = thumbnail(TestImages.jpeg(2, 300, 1200), 160);

        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(160);
    }

    @Test
    void aSmallPhotoIsNeverEnlarged() throws IOException {
        BufferedImage image = thumbnail(TestImages.png(3), 160);

        assertThat(image.getWidth()).isEqualTo(32);
        assertThat(image.getHeight()).isEqualTo(32);
    }

    @Test
    void anObjectThatIsNoImageFails() {
        assertThatThrownBy(() -> Thumbnail.of(new ByteArrayInputStream("not an image".getBytes()), 160))
                .isInstanceOf(IllegalStateException.class);
    }
}
