package io.edgeloop.dataset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Decoding and simple statistics of generated photos, as a test computes them independently of the painter. */
final class Photos {

    private Photos() {
    }

    static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new IllegalArgumentException("Not an image ImageIO can read");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The colour histograms the default trainer computes, joint RGB 4 x 4 x 4 and HSV 8 x 3 x 3, each normalised
     * to sum 1 and square-rooted, so that Euclidean distance between two of them is the Hellinger distance.
     */
    static double[] colourFeatures(BufferedImage image) {
        double[] features = new double[64 + 72];
        double weight = 1.0 / (image.getWidth() * image.getHeight());
        float[] hsb = new float[3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                features[(rgb >> 22 & 3) << 4 | (rgb >> 14 & 3) << 2 | (rgb >> 6 & 3)] += weight;
                Color.RGBtoHSB(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF, hsb);
                features[64 + level(hsb[0], 8) * 9 + level(hsb[1], 3) * 3 + level(hsb[2], 3)] += weight;
            }
        }
        for (int i = 0; i < features.length; i++) {
            features[i] = Math.sqrt(features[i]);
        }
        return features;
    }

    private static int level(float value, int levels) {
        return Math.min(levels - 1, (int) (value * levels));
    }

    /** Mean of red, green and blue over the photo, 0 to 255 each. */
    static double[] meanColour(BufferedImage image) {
        double[] mean = new double[3];
        int pixels = image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                mean[0] += (rgb >> 16 & 0xFF) / (double) pixels;
                mean[1] += (rgb >> 8 & 0xFF) / (double) pixels;
                mean[2] += (rgb & 0xFF) / (double) pixels;
            }
        }
        return mean;
    }

    /** Mean absolute difference of two photos of one size, per pixel and channel, 0 to 255. */
    static double difference(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs((p >> 16 & 0xFF) - (q >> 16 & 0xFF)) + Math.abs((p >> 8 & 0xFF) - (q >> 8 & 0xFF))
                        + Math.abs((p & 0xFF) - (q & 0xFF));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
