package io.edgeloop.dataset;

import java.awt.Color;

/** Colour arithmetic for painting: colours from hue, saturation and brightness, shades and transparency. */
final class Colours {

    private Colours() {
    }

    /** Any hue works, also one outside [0, 1): only its fractional part counts. */
    static Color hsb(double hue, double saturation, double brightness) {
        return Color.getHSBColor((float) (hue - Math.floor(hue)), (float) clamp(saturation), (float) clamp(brightness));
    }

    /** Below 1 darker, above 1 lighter: how a face turned away from or towards the light looks. */
    static Color shade(Color colour, double factor) {
        return new Color(channel(colour.getRed() * factor), channel(colour.getGreen() * factor),
                channel(colour.getBlue() * factor), colour.getAlpha());
    }

    static Color alpha(Color colour, double alpha) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), channel(alpha * 255));
    }

    /** Perceived brightness in [0, 1], to pick readable text on a label. */
    static double luminance(Color colour) {
        return (0.299 * colour.getRed() + 0.587 * colour.getGreen() + 0.114 * colour.getBlue()) / 255;
    }

    /** The nearest channel value in [0, 255]; called per pixel, hence no Math.round. */
    static int channel(double value) {
        return value <= 0 ? 0 : value >= 255 ? 255 : (int) (value + 0.5);
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
