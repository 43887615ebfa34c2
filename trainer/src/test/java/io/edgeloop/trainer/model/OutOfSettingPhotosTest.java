package io.edgeloop.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutOfSettingPhotosTest {

    /** A green 40x60 box at (30, 20) on white, 120x100. */
    private static BufferedImage productOnWhite() {
        BufferedImage photo = new BufferedImage(120, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 100);
        g.setColor(new Color(40, 160, 60));
        g.fillRect(30, 20, 40, 60);
        g.dispose();
        return photo;
    }

    @Test
    void cutOutFindsAProductOnAPlainBackground() {
        OutOfSettingPhotos.CutOut cut = OutOfSettingPhotos.cutOut(productOnWhite());

        assertThat(cut.x()).isBetween(30, 32);
        assertThat(cut.y()).isBetween(20, 22);
        assertThat(cut.width()).isBetween(36, 40);
        assertThat(cut.height()).isBetween(56, 60);
        assertThat(cut.mask()[cut.height() / 2][cut.width() / 2]).isTrue();
    }

    @Test
    void theSameSeedRendersTheSamePhotos() {
        byte[] photo = OutOfSettingPhotos.jpeg(productOnWhite());
        for (OutOfSettingPhotos.Change change : OutOfSettingPhotos.Change.values()) {
            assertThat(OutOfSettingPhotos.render(photo, change, new Random(7)))
                    .isEqualTo(OutOfSettingPhotos.render(photo, change, new Random(7)));
        }
    }

    @Test
    void anotherBackgroundKeepsTheProductAndReplacesTheWhite() {
        byte[] photo = OutOfSettingPhotos.jpeg(productOnWhite());

        BufferedImage changed = OutOfSettingPhotos.read(OutOfSettingPhotos.render(photo,
                OutOfSettingPhotos.Change.BACKGROUND, new Random(3)));

        Color centre = new Color(changed.getRGB(60, 50));
        assertThat(centre.getGreen()).isGreaterThan(centre.getRed() + 60);
        assertThat(new Color(changed.getRGB(2, 2))).isNotEqualTo(Color.WHITE);
    }
}
