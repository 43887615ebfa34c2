package io.edgeloop.dataset;

import static io.edgeloop.dataset.Colours.alpha;
import static io.edgeloop.dataset.Colours.hsb;
import static io.edgeloop.dataset.Colours.shade;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.random.RandomGenerator;

/**
 * Paints what is behind the subject: a wooden table before a wall, a studio backdrop or a textured surface seen
 * from above, in muted colours so the subject's colours stand out as they do in a shop photo, and some clutter.
 */
final class BackdropPainter {

    private enum Backdrop { TABLE, STUDIO, SURFACE }

    private final ThingPainter things;

    BackdropPainter(ThingPainter things) {
        this.things = things;
    }

    /** Paints onto {@code g} in photo units: the photo spans [0, 1] in both directions. */
    void paint(Graphics2D g, RandomGenerator random) {
        switch (Backdrop.values()[random.nextInt(Backdrop.values().length)]) {
            case TABLE -> paintTable(g, random);
            case STUDIO -> paintStudio(g, random);
            case SURFACE -> paintSurface(g, random);
        }
        int clutter = random.nextInt(4);
        for (int i = 0; i < clutter; i++) {
            // Near the left or right edge, where the subject rarely stands.
            double x = random.nextBoolean() ? random.nextDouble(-0.05, 0.22) : random.nextDouble(0.78, 1.05);
            things.paint(g, x, random.nextDouble(0.1, 0.9), random.nextDouble(0.12, 0.3),
                    hsb(random.nextDouble(), random.nextDouble(0.05, 0.45), random.nextDouble(0.3, 0.95)), random);
        }
    }

    private void paintTable(Graphics2D g, RandomGenerator random) {
        double horizon = random.nextDouble(0.25, 0.6);
        Color wall = hsb(random.nextDouble(), random.nextDouble(0, 0.2), random.nextDouble(0.45, 0.95));
        g.setPaint(new GradientPaint(0f, 0f, shade(wall, random.nextDouble(0.7, 1.2)), 0f, (float) horizon, wall));
        g.fill(new Rectangle2D.Double(0, 0, 1, horizon));
        if (random.nextBoolean()) {
            // A window or picture on the wall.
            double w = random.nextDouble(0.15, 0.4);
            g.setColor(shade(wall, random.nextBoolean() ? 1.35 : 0.6));
            g.fill(new Rectangle2D.Double(random.nextDouble(-0.1, 0.9), random.nextDouble(-0.1, horizon * 0.4), w,
                    horizon * random.nextDouble(0.3, 0.7)));
        }
        Color wood = hsb(random.nextDouble(0.04, 0.1), random.nextDouble(0.45, 0.75), random.nextDouble(0.2, 0.6));
        Rectangle2D table = new Rectangle2D.Double(0, horizon, 1, 1 - horizon);
        g.setPaint(new GradientPaint(0f, (float) horizon, shade(wood, 0.75), 0f, 1f, shade(wood, 1.15)));
        g.fill(table);
        paintMottle(g, table, 0.18, 12, random);
        int grains = 25 + random.nextInt(30);
        double slope = random.nextDouble(-0.15, 0.15);
        for (int i = 0; i < grains; i++) {
            double y = random.nextDouble(horizon, 1.05);
            Path2D grain = new Path2D.Double();
            grain.moveTo(-0.05, y);
            grain.curveTo(0.3, y + random.nextDouble(-0.02, 0.02), 0.7, y + random.nextDouble(-0.02, 0.02),
                    1.05, y + slope);
            g.setColor(alpha(shade(wood, random.nextDouble(0.6, 1.3)), random.nextDouble(0.3, 0.7)));
            g.setStroke(new BasicStroke((float) random.nextDouble(0.002, 0.012)));
            g.draw(grain);
        }
        g.setColor(alpha(shade(wood, 0.5), 0.8));
        g.setStroke(new BasicStroke(0.006f));
        g.draw(new Line2D.Double(0, horizon, 1, horizon));
    }

    private void paintStudio(Graphics2D g, RandomGenerator random) {
        Color light = hsb(random.nextDouble(), random.nextDouble(0, 0.08), random.nextDouble(0.85, 1));
        g.setPaint(new GradientPaint(0f, 0f, light, (float) random.nextDouble(-0.3, 0.3), 1f,
                shade(light, random.nextDouble(0.7, 0.95))));
        g.fill(new Rectangle2D.Double(0, 0, 1, 1));
    }

    private void paintSurface(Graphics2D g, RandomGenerator random) {
        Color surface = hsb(random.nextDouble(), random.nextDouble(0, 0.35), random.nextDouble(0.3, 0.9));
        Rectangle2D all = new Rectangle2D.Double(0, 0, 1, 1);
        g.setColor(surface);
        g.fill(all);
        paintMottle(g, all, random.nextDouble(0.1, 0.35), 3 + random.nextInt(6), random);
        paintMottle(g, all, random.nextDouble(0.05, 0.12), 24 + random.nextInt(24), random);
        if (random.nextInt(3) == 0) {
            // The weave of a table cloth.
            double spacing = random.nextDouble(0.015, 0.035);
            g.setColor(alpha(shade(surface, random.nextDouble(0.6, 1.4)), 0.2));
            g.setStroke(new BasicStroke((float) (spacing * 0.3)));
            for (double offset = 0; offset < 1; offset += spacing) {
                g.draw(new Line2D.Double(offset, 0, offset, 1));
                g.draw(new Line2D.Double(0, offset, 1, offset));
            }
        }
    }

    /** Blotches of light and dark: a coarse random image, smoothly enlarged over the area. */
    private static void paintMottle(Graphics2D g, Rectangle2D area, double strength, int cells,
            RandomGenerator random) {
        BufferedImage blotches = new BufferedImage(cells, cells, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < cells; y++) {
            for (int x = 0; x < cells; x++) {
                int tone = random.nextBoolean() ? 0xFFFFFF : 0;
                int opacity = (int) (random.nextDouble() * strength * 255);
                blotches.setRGB(x, y, opacity << 24 | tone);
            }
        }
        AffineTransform enlarge = AffineTransform.getTranslateInstance(area.getX(), area.getY());
        enlarge.scale(area.getWidth() / cells, area.getHeight() / cells);
        g.drawImage(blotches, enlarge, null);
    }
}
