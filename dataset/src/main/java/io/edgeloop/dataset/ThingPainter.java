package io.edgeloop.dataset;

import static io.edgeloop.dataset.Colours.alpha;
import static io.edgeloop.dataset.Colours.hsb;
import static io.edgeloop.dataset.Colours.shade;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.random.RandomGenerator;

/** Everyday things that are not our products (mugs, plates, fruit, bottles, books), for clutter and scenes. */
final class ThingPainter {

    private enum Thing { MUG, PLATE, FRUIT, BOTTLE, BOOKS }

    /** Paints a random thing of about {@code size} centred at (x, y), mostly in {@code colour}. */
    void paint(Graphics2D g, double x, double y, double size, Color colour, RandomGenerator random) {
        g.setColor(new Color(0, 0, 0, 40));
        g.fill(new Ellipse2D.Double(x - size * 0.45, y + size * 0.25, size * 0.95, size * 0.25));
        switch (Thing.values()[random.nextInt(Thing.values().length)]) {
            case MUG -> paintMug(g, x, y, size, colour);
            case PLATE -> paintPlate(g, x, y, size, colour, random);
            case FRUIT -> paintFruit(g, x, y, size, colour);
            case BOTTLE -> paintBottle(g, x, y, size, colour, random);
            case BOOKS -> paintBooks(g, x, y, size, colour, random);
        }
    }

    private void paintMug(Graphics2D g, double x, double y, double size, Color colour) {
        double w = size * 0.6;
        double h = size * 0.7;
        g.setColor(shade(colour, 0.8));
        g.setStroke(new BasicStroke((float) (size * 0.07)));
        g.draw(new Ellipse2D.Double(x + w * 0.3, y - h * 0.25, w * 0.45, h * 0.45));
        g.setPaint(cylinder(colour, x - w / 2, w));
        g.fill(new RoundRectangle2D.Double(x - w / 2, y - h / 2, w, h, w * 0.2, w * 0.2));
        g.setColor(shade(colour, 0.5));
        g.fill(new Ellipse2D.Double(x - w / 2, y - h / 2 - w * 0.12, w, w * 0.24));
        g.setColor(new Color(70, 40, 20));
        g.fill(new Ellipse2D.Double(x - w * 0.42, y - h / 2 - w * 0.08, w * 0.84, w * 0.16));
    }

    private void paintPlate(Graphics2D g, double x, double y, double size, Color colour, RandomGenerator random) {
        double squash = random.nextDouble(0.45, 1);
        g.setColor(shade(colour, 0.75));
        g.fill(new Ellipse2D.Double(x - size / 2, y - size * squash / 2, size, size * squash));
        g.setColor(colour);
        g.fill(new Ellipse2D.Double(x - size * 0.38, y - size * squash * 0.38, size * 0.76, size * squash * 0.76));
        g.setColor(alpha(Color.WHITE, 0.25));
        g.fill(new Ellipse2D.Double(x - size * 0.3, y - size * squash * 0.32, size * 0.35, size * squash * 0.2));
    }

    private void paintFruit(Graphics2D g, double x, double y, double size, Color colour) {
        double r = size * 0.32;
        g.setPaint(new RadialGradientPaint(new Point2D.Double(x - r * 0.35, y - r * 0.35), (float) (r * 1.4),
                new float[] {0f, 0.35f, 1f},
                new Color[] {shade(colour, 1.5), colour, shade(colour, 0.45)}));
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        g.setColor(new Color(90, 60, 30));
        g.setStroke(new BasicStroke((float) (r * 0.1)));
        Path2D stem = new Path2D.Double();
        stem.moveTo(x, y - r * 0.85);
        stem.quadTo(x + r * 0.05, y - r * 1.15, x + r * 0.2, y - r * 1.3);
        g.draw(stem);
    }

    private void paintBottle(Graphics2D g, double x, double y, double size, Color colour, RandomGenerator random) {
        double w = size * 0.38;
        double h = size;
        g.setPaint(cylinder(colour, x - w / 2, w));
        g.fill(new RoundRectangle2D.Double(x - w / 2, y - h * 0.25, w, h * 0.75, w * 0.4, w * 0.4));
        g.fill(new Rectangle2D.Double(x - w * 0.18, y - h / 2, w * 0.36, h * 0.3));
        g.setColor(hsb(random.nextDouble(), random.nextDouble(0, 0.8), random.nextDouble(0.3, 1)));
        g.fill(new Rectangle2D.Double(x - w * 0.22, y - h / 2 - h * 0.06, w * 0.44, h * 0.08));
        g.setColor(alpha(hsb(random.nextDouble(), random.nextDouble(0, 0.3), 0.95), 0.9));
        g.fill(new Rectangle2D.Double(x - w / 2, y + h * 0.02, w, h * 0.25));
    }

    private void paintBooks(Graphics2D g, double x, double y, double size, Color colour, RandomGenerator random) {
        int books = 2 + random.nextInt(3);
        double thickness = size * 0.6 / books;
        double top = y - books * thickness / 2;
        for (int i = 0; i < books; i++) {
            double w = size * random.nextDouble(0.75, 1);
            double left = x - w / 2 + random.nextDouble(-0.06, 0.06) * size;
            Color cover = i == 0 ? colour : hsb(random.nextDouble(), random.nextDouble(0.2, 0.8),
                    random.nextDouble(0.3, 0.9));
            g.setColor(hsb(0.12, 0.1, 0.92));
            g.fill(new Rectangle2D.Double(left + w * 0.03, top + i * thickness - thickness * 0.12, w * 0.94,
                    thickness * 0.2));
            g.setColor(cover);
            g.fill(new Rectangle2D.Double(left, top + i * thickness, w, thickness * 0.92));
            g.setColor(shade(cover, 1.4));
            g.fill(new Rectangle2D.Double(left + w * 0.08, top + i * thickness + thickness * 0.35, w * 0.5,
                    thickness * 0.15));
        }
    }

    /** Round things are dark at both edges and bright a little left of centre. */
    private static LinearGradientPaint cylinder(Color colour, double x, double width) {
        return new LinearGradientPaint((float) x, 0f, (float) (x + width), 0f, new float[] {0f, 0.35f, 1f},
                new Color[] {shade(colour, 0.6), shade(colour, 1.25), shade(colour, 0.5)});
    }
}
