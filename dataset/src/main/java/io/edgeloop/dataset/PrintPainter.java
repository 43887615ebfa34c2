package io.edgeloop.dataset;

import static io.edgeloop.dataset.Colours.alpha;
import static io.edgeloop.dataset.Colours.shade;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/** The pattern printed on a package body: stripes, diagonals, dots, leaves or waves, and maybe a bottom strip. */
final class PrintPainter {

    /** Paints the class's pattern over {@code area}, in the accent colour. */
    void paint(Graphics2D g, Rectangle2D area, ClassLook look) {
        // The same seed for every photo: a product's print is the same on every package.
        SplittableRandom print = new SplittableRandom(look.printSeed());
        double x = area.getX();
        double y = area.getY();
        double w = area.getWidth();
        double h = area.getHeight();
        switch (look.print()) {
            case STRIPES -> {
                g.setColor(alpha(look.accent(), 0.85));
                int stripes = 2 + print.nextInt(4);
                double thickness = h * print.nextDouble(0.03, 0.08);
                for (int i = 0; i < stripes; i++) {
                    g.fill(new Rectangle2D.Double(x, y + (i + 0.5) * h / stripes, w, thickness));
                }
            }
            case DIAGONALS -> {
                double spacing = h * print.nextDouble(0.08, 0.16);
                g.setColor(alpha(look.accent(), 0.6));
                g.setStroke(new BasicStroke((float) (spacing * 0.35)));
                for (double offset = -h; offset < w + h; offset += spacing) {
                    g.draw(new Line2D.Double(x + offset, y + h, x + offset + h, y));
                }
            }
            case DOTS -> {
                double spacing = h * print.nextDouble(0.07, 0.12);
                double radius = spacing * 0.25;
                g.setColor(alpha(look.accent(), 0.7));
                for (int row = 0; row * spacing < h + spacing; row++) {
                    for (double dx = (row % 2) * spacing / 2; dx < w + spacing; dx += spacing) {
                        g.fill(new Ellipse2D.Double(x + dx - radius, y + row * spacing - radius, 2 * radius,
                                2 * radius));
                    }
                }
            }
            case LEAVES -> {
                int leaves = 6 + print.nextInt(5);
                for (int i = 0; i < leaves; i++) {
                    double size = h * print.nextDouble(0.08, 0.18);
                    paintLeaf(g, x + print.nextDouble() * w, y + print.nextDouble() * h, size,
                            print.nextDouble(0, 2 * Math.PI), look);
                }
            }
            case WAVES -> {
                int waves = 4 + print.nextInt(4);
                double amplitude = h * print.nextDouble(0.02, 0.05);
                g.setColor(alpha(look.accent(), 0.75));
                g.setStroke(new BasicStroke((float) (h * 0.018)));
                for (int i = 0; i < waves; i++) {
                    double baseline = y + (i + 0.5) * h / waves;
                    Path2D wave = new Path2D.Double();
                    wave.moveTo(x, baseline);
                    for (int step = 1; step <= 24; step++) {
                        double t = step / 24.0;
                        wave.lineTo(x + t * w, baseline + amplitude * Math.sin(t * 4 * Math.PI + i));
                    }
                    g.draw(wave);
                }
            }
        }
        if (print.nextBoolean()) {
            double strip = h * 0.06;
            g.setColor(look.accent());
            g.fill(new Rectangle2D.Double(x, area.getMaxY() - strip, w, strip));
        }
    }

    private void paintLeaf(Graphics2D g, double x, double y, double size, double angle, ClassLook look) {
        Path2D leaf = new Path2D.Double();
        leaf.moveTo(-size / 2, 0);
        leaf.quadTo(0, -size / 2.5, size / 2, 0);
        leaf.quadTo(0, size / 2.5, -size / 2, 0);
        AffineTransform place = AffineTransform.getTranslateInstance(x, y);
        place.rotate(angle);
        g.setColor(alpha(look.accent(), 0.8));
        g.fill(place.createTransformedShape(leaf));
        g.setColor(alpha(shade(look.accent(), 0.6), 0.8));
        g.setStroke(new BasicStroke((float) (size * 0.04)));
        g.draw(place.createTransformedShape(new Line2D.Double(-size / 2, 0, size / 2, 0)));
    }
}
