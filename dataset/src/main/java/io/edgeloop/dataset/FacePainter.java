package io.edgeloop.dataset;

import static io.edgeloop.dataset.Colours.shade;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/** Prints the front of a package: body colour, pattern, emblem and the label band with the product's name. */
final class FacePainter {

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 1);
    private static final Font CATEGORY_FONT = new Font(Font.SERIF, Font.BOLD, 1);

    private final PrintPainter prints;

    FacePainter(PrintPainter prints) {
        this.prints = prints;
    }

    /** Paints into {@code face}, whose bounds are {@code area}; the caller's clip is restored afterwards. */
    void paint(Graphics2D g, Shape face, Rectangle2D area, ClassLook look) {
        Shape clip = g.getClip();
        g.clip(face);
        g.setColor(look.body());
        g.fill(face);
        prints.paint(g, area, look);
        ClassLook.Label label = look.label();
        Rectangle2D band = new Rectangle2D.Double(area.getX(), area.getY() + label.top() * area.getHeight(),
                area.getWidth(), label.height() * area.getHeight());
        paintEmblem(g, area, band, look);
        paintBand(g, band, look);
        g.setClip(clip);
    }

    /** A round emblem with the title's initial, in the larger free space above or below the band. */
    private void paintEmblem(Graphics2D g, Rectangle2D area, Rectangle2D band, ClassLook look) {
        double above = band.getY() - area.getY();
        double below = area.getMaxY() - band.getMaxY();
        double space = Math.max(above, below);
        double centreY = above >= below ? area.getY() + above / 2 : band.getMaxY() + below / 2;
        double radius = Math.min(space * 0.38, area.getWidth() * 0.22);
        Ellipse2D emblem = new Ellipse2D.Double(area.getCenterX() - radius, centreY - radius, 2 * radius, 2 * radius);
        g.setColor(look.label().colour());
        g.fill(emblem);
        g.setColor(look.accent());
        g.setStroke(new BasicStroke((float) (radius * 0.15)));
        g.draw(emblem);
        double letter = radius * 0.9;
        g.setColor(look.body());
        g.fill(Lettering.fitted(look.label().title().substring(0, 1), TITLE_FONT, new Rectangle2D.Double(
                emblem.getCenterX() - letter / 2, emblem.getCenterY() - letter / 2, letter, letter)));
    }

    /** The band: the category in small letters over the product's title, in a colour readable on the band. */
    private void paintBand(Graphics2D g, Rectangle2D band, ClassLook look) {
        ClassLook.Label label = look.label();
        g.setColor(label.colour());
        g.fill(band);
        double rule = band.getHeight() * 0.05;
        g.setColor(look.accent());
        g.fill(new Rectangle2D.Double(band.getX(), band.getY(), band.getWidth(), rule));
        g.fill(new Rectangle2D.Double(band.getX(), band.getMaxY() - rule, band.getWidth(), rule));
        Color ink = Colours.luminance(label.colour()) > 0.55 ? shade(look.body(), 0.45) : Colours.hsb(0, 0, 0.96);
        double marginX = band.getWidth() * 0.1;
        double innerWidth = band.getWidth() - 2 * marginX;
        g.setColor(ink);
        g.fill(Lettering.fitted(label.category(), CATEGORY_FONT, new Rectangle2D.Double(
                band.getX() + marginX + innerWidth * 0.25, band.getY() + band.getHeight() * 0.14,
                innerWidth * 0.5, band.getHeight() * 0.2)));
        g.fill(Lettering.fitted(label.title(), TITLE_FONT, new Rectangle2D.Double(
                band.getX() + marginX, band.getY() + band.getHeight() * 0.44, innerWidth, band.getHeight() * 0.38)));
    }
}
