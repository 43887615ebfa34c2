package io.edgeloop.dataset;

import static io.edgeloop.dataset.Colours.alpha;
import static io.edgeloop.dataset.Colours.shade;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.random.RandomGenerator;

/**
 * Paints one package of a class as a camera would see it: a carton, tin or canister with its visible side and
 * top, standing somewhere in the photo at a random size, tilt and angle of view, casting a soft shadow.
 */
final class PackagePainter {

    /** Share of a tin or canister's height taken by its lid. */
    private static final double LID = 0.17;

    private final FacePainter faces;

    PackagePainter(FacePainter faces) {
        this.faces = faces;
    }

    /** Paints onto {@code g} in photo units: the photo spans [0, 1] in both directions. */
    void paint(Graphics2D g, ClassLook look, RandomGenerator random) {
        double height = random.nextDouble(0.5, 0.85);
        double width = look.aspect() * random.nextDouble(0.95, 1.05);
        // The camera sees one side and the top; which side, and how much of each, depends on where it stands.
        double depth = random.nextDouble(0.08, 0.26) * (random.nextBoolean() ? 1 : -1);
        double lift = random.nextDouble(0.05, 0.2);
        double halfWidth = (width / 2 + Math.abs(depth)) * height;
        double halfHeight = (0.5 + lift) * height;
        AffineTransform saved = g.getTransform();
        g.translate(0.5 + random.nextDouble(-1, 1) * Math.max(0.03, 0.54 - halfWidth),
                0.5 + random.nextDouble(-1, 1) * Math.max(0.03, 0.54 - halfHeight));
        g.rotate(Math.max(-0.5, Math.min(0.5, random.nextGaussian() * 0.13)));
        g.shear(random.nextDouble(-0.12, 0.12), random.nextDouble(-0.05, 0.05));
        g.scale(height, height);
        paintShadow(g, width, depth, random);
        Lighting light = new Lighting(random.nextDouble(0.55, 0.85), random.nextDouble(1.05, 1.3),
                random.nextDouble(0, 0.25), random.nextBoolean());
        switch (look.pack()) {
            case CARTON -> paintCarton(g, look, width, depth, lift, light);
            case TIN -> paintTin(g, look, width, depth, lift, light);
            case CANISTER -> paintCanister(g, look, width, lift, light);
        }
        g.setTransform(saved);
    }

    /** How the light falls on this package: shades of its side and top, and a sheen across the front. */
    private record Lighting(double side, double top, double sheen, boolean fromLeft) {
    }

    private void paintShadow(Graphics2D g, double width, double depth, RandomGenerator random) {
        double spread = width + Math.abs(depth) + random.nextDouble(0.1, 0.4);
        double centreX = depth / 2 + random.nextDouble(-0.15, 0.15);
        for (int layer = 0; layer < 5; layer++) {
            double w = spread * (1 - layer * 0.12);
            double h = 0.16 * (1 - layer * 0.12);
            g.setColor(new Color(0, 0, 0, 22));
            g.fill(new Ellipse2D.Double(centreX - w / 2, 0.5 - h / 2, w, h));
        }
    }

    private void paintCarton(Graphics2D g, ClassLook look, double width, double depth, double lift, Lighting light) {
        Rectangle2D front = new Rectangle2D.Double(-width / 2, -0.5, width, 1);
        paintSide(g, look, width, depth, lift, 0, light);
        g.setColor(shade(look.body(), light.top()));
        g.fill(top(width, depth, lift));
        faces.paint(g, front, front, look);
        paintSheen(g, front, light);
        outline(g, look.body(), front, side(width, depth, lift, 0, 1), top(width, depth, lift));
    }

    private void paintTin(Graphics2D g, ClassLook look, double width, double depth, double lift, Lighting light) {
        double arc = Math.min(width, 1) * 0.12;
        Shape front = new RoundRectangle2D.Double(-width / 2, -0.5, width, 1, arc, arc);
        paintSide(g, look, width, depth, lift, LID, light);
        g.setColor(shade(look.lid(), light.side()));
        g.fill(side(width, depth, lift, 0, LID));
        g.setPaint(metal(look.lid(), -width / 2, width, light.top()));
        g.fill(top(width, depth, lift));
        Area printed = new Area(front);
        printed.subtract(new Area(new Rectangle2D.Double(-width / 2, -0.5, width, LID)));
        faces.paint(g, printed, new Rectangle2D.Double(-width / 2, -0.5 + LID, width, 1 - LID), look);
        Area lid = new Area(front);
        lid.subtract(printed);
        g.setPaint(metal(look.lid(), -width / 2, width, 1));
        g.fill(lid);
        paintSheen(g, front, light);
        outline(g, look.lid(), front, lid, side(width, depth, lift, 0, 1), top(width, depth, lift));
    }

    private void paintCanister(Graphics2D g, ClassLook look, double width, double lift, Lighting light) {
        double ellipse = width * (0.15 + lift);
        Area body = new Area(new Rectangle2D.Double(-width / 2, -0.5, width, 1));
        body.add(new Area(new Ellipse2D.Double(-width / 2, 0.5 - ellipse / 2, width, ellipse)));
        faces.paint(g, body, new Rectangle2D.Double(-width / 2, -0.5 + LID, width, 1 - LID), look);
        Area lid = new Area(new Rectangle2D.Double(-width / 2, -0.5, width, LID));
        lid.add(new Area(new Ellipse2D.Double(-width / 2, -0.5 + LID - ellipse / 2, width, ellipse)));
        g.setPaint(metal(look.lid(), -width / 2, width, 1));
        g.fill(lid);
        // A cylinder is dark at both edges and brightest a little off centre, towards the light.
        float highlight = light.fromLeft() ? 0.3f : 0.7f;
        g.setPaint(new LinearGradientPaint((float) (-width / 2), 0f, (float) (width / 2), 0f,
                new float[] {0f, highlight, 1f},
                new Color[] {new Color(0, 0, 0, 110), new Color(255, 255, 255, 70), new Color(0, 0, 0, 130)}));
        Area cylinder = new Area(body);
        cylinder.add(lid);
        g.fill(cylinder);
        Ellipse2D top = new Ellipse2D.Double(-width / 2, -0.5 - ellipse / 2, width, ellipse);
        g.setPaint(metal(look.lid(), -width / 2, width, light.top()));
        g.fill(top);
        outline(g, look.lid(), cylinder, top);
    }

    /** The side face, from {@code from} to {@code to} of the height, with the label band running round onto it. */
    private void paintSide(Graphics2D g, ClassLook look, double width, double depth, double lift, double from,
            Lighting light) {
        g.setColor(shade(look.body(), light.side()));
        g.fill(side(width, depth, lift, from, 1));
        ClassLook.Label label = look.label();
        double bandTop = from + label.top() * (1 - from);
        g.setColor(shade(label.colour(), light.side()));
        g.fill(side(width, depth, lift, bandTop, bandTop + label.height() * (1 - from)));
    }

    /** The side face between two heights (0 top, 1 bottom), receding by depth and rising by lift. */
    private static Shape side(double width, double depth, double lift, double from, double to) {
        double edge = depth > 0 ? width / 2 : -width / 2;
        Path2D side = new Path2D.Double();
        side.moveTo(edge, from - 0.5);
        side.lineTo(edge + depth, from - 0.5 - lift);
        side.lineTo(edge + depth, to - 0.5 - lift);
        side.lineTo(edge, to - 0.5);
        side.closePath();
        return side;
    }

    private static Shape top(double width, double depth, double lift) {
        Path2D top = new Path2D.Double();
        top.moveTo(-width / 2, -0.5);
        top.lineTo(width / 2, -0.5);
        top.lineTo(width / 2 + depth, -0.5 - lift);
        top.lineTo(-width / 2 + depth, -0.5 - lift);
        top.closePath();
        return top;
    }

    /** Brushed metal: bands of light and dark across the width. */
    private static LinearGradientPaint metal(Color colour, double x, double width, double brightness) {
        Color base = shade(colour, brightness);
        return new LinearGradientPaint((float) x, 0f, (float) (x + width), 0f,
                new float[] {0f, 0.3f, 0.55f, 1f},
                new Color[] {shade(base, 0.7), shade(base, 1.25), base, shade(base, 0.6)});
    }

    /** Light falling across the front: brighter on one side, darker on the other. */
    private static void paintSheen(Graphics2D g, Shape front, Lighting light) {
        Rectangle2D bounds = front.getBounds2D();
        Color bright = alpha(Color.WHITE, light.sheen());
        Color dark = alpha(Color.BLACK, light.sheen());
        g.setPaint(new GradientPaint((float) bounds.getMinX(), (float) bounds.getMinY(),
                light.fromLeft() ? bright : dark, (float) bounds.getMaxX(), (float) bounds.getMaxY(),
                light.fromLeft() ? dark : bright));
        g.fill(front);
    }

    private static void outline(Graphics2D g, Color colour, Shape... shapes) {
        g.setColor(alpha(shade(colour, 0.4), 0.8));
        g.setStroke(new BasicStroke(0.006f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Shape shape : shapes) {
            g.draw(shape);
        }
    }
}
