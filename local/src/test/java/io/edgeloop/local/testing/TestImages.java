package io.edgeloop.local.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

/** Small, distinct, real JPEG and PNG images for tests that only need valid image files. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] jpeg(long seed) {
        return jpeg(seed, 32, 32);
    }

    /** A JPEG of this size, e.g. one a thumbnail must be smaller than. */
    public static byte[] jpeg(long seed, int width, int height) {
        return encode(draw(seed, width, height), "jpg");
    }

    public static byte[] png(long seed) {
        return encode(draw(seed, 32, 32), "png");
    }

    private static BufferedImage draw(long seed, int width, int height) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillOval(random.nextInt(width / 2), random.nextInt(height / 2), width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
