package io.edgeloop.dataset;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.random.RandomGenerator;

/** What a camera adds to a scene: exposure, contrast, colour cast, uneven light, focus blur and sensor noise. */
final class CameraEffects {

    /** Develops the painted scene in place; {@code photo} must be {@link BufferedImage#TYPE_INT_RGB}. */
    void develop(BufferedImage photo, RandomGenerator random) {
        int width = photo.getWidth();
        int height = photo.getHeight();
        int[] pixels = ((DataBufferInt) photo.getRaster().getDataBuffer()).getData();
        expose(pixels, width, height, random);
        int radius = (int) Math.round(random.nextDouble(0, 0.009) * width);
        if (radius > 0) {
            // Two box blurs are close to a Gaussian one, for a fraction of its cost.
            blur(pixels, width, height, radius);
            blur(pixels, width, height, radius);
        }
        addNoise(pixels, random.nextDouble(1, 7), random);
    }

    private static void expose(int[] pixels, int width, int height, RandomGenerator random) {
        double gain = random.nextDouble(0.75, 1.25);
        double contrast = random.nextDouble(0.8, 1.25);
        double[] cast = {random.nextDouble(0.92, 1.08), random.nextDouble(0.92, 1.08), random.nextDouble(0.92, 1.08)};
        double falloff = random.nextDouble(0, 0.2);
        double angle = random.nextDouble(0, 2 * Math.PI);
        double towardsX = 2 * falloff * Math.cos(angle);
        double towardsY = 2 * falloff * Math.sin(angle);
        double vignette = random.nextDouble(0, 0.35);
        for (int y = 0; y < height; y++) {
            double dy = (double) y / height - 0.5;
            for (int x = 0; x < width; x++) {
                double dx = (double) x / width - 0.5;
                double light = gain * (1 + towardsX * dx + towardsY * dy) * (1 - vignette * 2 * (dx * dx + dy * dy));
                int pixel = pixels[y * width + x];
                int red = Colours.channel((((pixel >> 16 & 0xFF) - 128) * contrast + 128) * cast[0] * light);
                int green = Colours.channel((((pixel >> 8 & 0xFF) - 128) * contrast + 128) * cast[1] * light);
                int blue = Colours.channel((((pixel & 0xFF) - 128) * contrast + 128) * cast[2] * light);
                pixels[y * width + x] = red << 16 | green << 8 | blue;
            }
        }
    }

    private static void blur(int[] pixels, int width, int height, int radius) {
        int[] rows = new int[pixels.length];
        for (int y = 0; y < height; y++) {
            blurLine(pixels, rows, y * width, 1, width, radius);
        }
        for (int x = 0; x < width; x++) {
            blurLine(rows, pixels, x, width, height, radius);
        }
    }

    /** Averages each pixel of one line with its {@code radius} neighbours each side, by a running sum. */
    private static void blurLine(int[] from, int[] to, int start, int step, int length, int radius) {
        // Dividing by the number of taps as a fixed-point multiplication: integer division per pixel is slow.
        int scale = (1 << 16) / (2 * radius + 1);
        int red = 0;
        int green = 0;
        int blue = 0;
        for (int k = -radius; k <= radius; k++) {
            int pixel = from[start + Math.max(0, Math.min(length - 1, k)) * step];
            red += pixel >> 16 & 0xFF;
            green += pixel >> 8 & 0xFF;
            blue += pixel & 0xFF;
        }
        for (int i = 0; i < length; i++) {
            to[start + i * step] = (red * scale >> 16) << 16 | (green * scale >> 16) << 8 | blue * scale >> 16;
            int leaving = from[start + Math.max(0, i - radius) * step];
            int entering = from[start + Math.min(length - 1, i + radius + 1) * step];
            red += (entering >> 16 & 0xFF) - (leaving >> 16 & 0xFF);
            green += (entering >> 8 & 0xFF) - (leaving >> 8 & 0xFF);
            blue += (entering & 0xFF) - (leaving & 0xFF);
        }
    }

    /** Grain: one random offset per pixel for all three channels, as the luminance noise of a small sensor. */
    private static void addNoise(int[] pixels, double sigma, RandomGenerator random) {
        for (int i = 0; i < pixels.length; i++) {
            int pixel = pixels[i];
            double grain = random.nextGaussian() * sigma;
            int red = Colours.channel((pixel >> 16 & 0xFF) + grain);
            int green = Colours.channel((pixel >> 8 & 0xFF) + grain);
            int blue = Colours.channel((pixel & 0xFF) + grain);
            pixels[i] = red << 16 | green << 8 | blue;
        }
    }
}
