package io.edgeloop.dataset;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Paints one photo of a product class, as JPEG bytes: a package in the class's colours and print, on a table,
 * studio backdrop or surface, at a random position, size, tilt and angle, lit and focused as a phone camera
 * would; for {@link #OTHER}, a scene of everyday things instead. The bytes depend on the class name, size and
 * seed alone.
 */
public final class ProductPhotoPainter {

    /** The class of everything that is not one of our products. */
    public static final String OTHER = "other";

    private final int size;
    private final BackdropPainter backdrops;
    private final PackagePainter packages;
    private final ScenePainter scenes;
    private final CameraEffects camera = new CameraEffects();
    private final JpegEncoder jpeg = new JpegEncoder();

    /** @param size width and height of the photos in pixels, at least 16 */
    public ProductPhotoPainter(int size) {
        if (size < 16) {
            throw new IllegalArgumentException("Photo size must be at least 16 px, was " + size);
        }
        this.size = size;
        ThingPainter things = new ThingPainter();
        this.backdrops = new BackdropPainter(things);
        this.packages = new PackagePainter(new FacePainter(new PrintPainter()));
        this.scenes = new ScenePainter(things);
    }

    /**
     * @param className any class name; {@link #OTHER} paints a scene without a product
     * @param seed      chooses everything that varies from photo to photo
     */
    public byte[] paint(String className, long seed) {
        RandomGenerator random = new SplittableRandom(seed);
        BufferedImage photo = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            // Painters work in photo units, so one scene looks the same at every size.
            g.scale(size, size);
            backdrops.paint(g, random);
            if (OTHER.equals(className)) {
                scenes.paint(g, random);
            } else {
                packages.paint(g, ClassLook.of(className), random);
            }
        } finally {
            g.dispose();
        }
        camera.develop(photo, random);
        return jpeg.encode(photo, (float) random.nextDouble(0.6, 0.95));
    }
}
