package io.edgeloop.dataset;

import static io.edgeloop.dataset.Colours.hsb;
import static io.edgeloop.dataset.Colours.shade;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.random.RandomGenerator;

/**
 * The class {@code other}: a table of everyday things or an assortment box, in many colours at once, never one
 * of our packages. Many colours at once is what sets these photos apart from a package's few.
 */
final class ScenePainter {

    private final ThingPainter things;

    ScenePainter(ThingPainter things) {
        this.things = things;
    }

    /** Paints onto {@code g} in photo units: the photo spans [0, 1] in both directions. */
    void paint(Graphics2D g, RandomGenerator random) {
        if (random.nextBoolean()) {
            paintAssortment(g, random);
        } else {
            paintThings(g, random);
        }
    }

    private void paintThings(Graphics2D g, RandomGenerator random) {
        int count = 4 + random.nextInt(9);
        for (int i = 0; i < count; i++) {
            // Front to back is top to bottom: a thing lower in the photo is nearer and covers those behind it.
            double y = 0.15 + 0.7 * (i + random.nextDouble()) / count;
            things.paint(g, random.nextDouble(0.1, 0.9), y, random.nextDouble(0.15, 0.4), anyColour(random), random);
        }
    }

    /** A box of compartments seen from above, each holding something of its own colour. */
    private void paintAssortment(Graphics2D g, RandomGenerator random) {
        AffineTransform saved = g.getTransform();
        double size = random.nextDouble(0.6, 1.0);
        g.translate(0.5 + random.nextDouble(-0.15, 0.15), 0.5 + random.nextDouble(-0.15, 0.15));
        g.rotate(random.nextDouble(-0.4, 0.4));
        g.scale(size, size * random.nextDouble(0.7, 1));
        Color box = hsb(random.nextDouble(), random.nextDouble(0, 0.7), random.nextDouble(0.15, 0.9));
        g.setColor(new Color(0, 0, 0, 50));
        g.fill(new RoundRectangle2D.Double(-0.47, -0.45, 1, 1, 0.06, 0.06));
        g.setColor(box);
        g.fill(new RoundRectangle2D.Double(-0.5, -0.5, 1, 1, 0.06, 0.06));
        int columns = 2 + random.nextInt(4);
        int rows = 2 + random.nextInt(4);
        double wall = 0.03;
        double cellWidth = (1 - wall) / columns;
        double cellHeight = (1 - wall) / rows;
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                double x = -0.5 + wall + column * cellWidth;
                double y = -0.5 + wall + row * cellHeight;
                Color item = anyColour(random);
                g.setColor(shade(box, 0.6));
                g.fill(new Rectangle2D.Double(x, y, cellWidth - wall, cellHeight - wall));
                g.setColor(item);
                g.fill(new Rectangle2D.Double(x + wall, y + wall + cellHeight * 0.1, cellWidth - 3 * wall,
                        cellHeight * 0.9 - 3 * wall));
                g.setColor(shade(item, 1.3));
                g.fill(new Rectangle2D.Double(x + wall, y + wall, cellWidth - 3 * wall, cellHeight * 0.1));
            }
        }
        g.setTransform(saved);
    }

    private static Color anyColour(RandomGenerator random) {
        return hsb(random.nextDouble(), random.nextDouble(0.5, 1), random.nextDouble(0.4, 1));
    }
}
