package io.edgeloop.dataset;

import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

/**
 * Text as outlines fitted into a box. Filling outlines keeps small labels sharp under the photo's rotation and
 * shear, where drawString at a fractional font size would be hinted out of shape.
 */
final class Lettering {

    /** Outlines come from a large font and are scaled down, so hinting cannot distort them. */
    private static final float OUTLINE_SIZE = 100f;
    private static final FontRenderContext UNHINTED = new FontRenderContext(null, true, true);

    private Lettering() {
    }

    /** The text as large as fits into the box, centred in it. */
    static Shape fitted(String text, Font font, Rectangle2D box) {
        GlyphVector glyphs = font.deriveFont(OUTLINE_SIZE).createGlyphVector(UNHINTED, text);
        Rectangle2D bounds = glyphs.getVisualBounds();
        double scale = Math.min(box.getWidth() / bounds.getWidth(), box.getHeight() / bounds.getHeight());
        AffineTransform place = new AffineTransform();
        place.translate(box.getCenterX(), box.getCenterY());
        place.scale(scale, scale);
        place.translate(-bounds.getCenterX(), -bounds.getCenterY());
        return place.createTransformedShape(glyphs.getOutline());
    }
}
