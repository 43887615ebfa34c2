package io.edgeloop.shopper;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.imageio.ImageIO;

/** The small JPEG of a photo that the photo grid shows: Camel has no step that decodes or scales an image. */
public final class Thumbnail {

    /** The photo scaled to fit a square of this side (never enlarged), as a JPEG; a stored object that is no image fails. */
    public static byte[] of(InputStream photo, int side) throws IOException {
        BufferedImage source = ImageIO.read(photo);
        if (source == null) {
            throw new IllegalStateException("the stored object is not a JPEG or PNG image");
        }
        double scale = Math.min(1, (double) side / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        // Area averaging: a 4000 px photo scaled to 160 px in one bilinear step would alias into noise.
        BufferedImage thumbnail = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        thumbnail.getGraphics().drawImage(source.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(thumbnail, "jpg", jpeg);
        return jpeg.toByteArray();
    }
}
