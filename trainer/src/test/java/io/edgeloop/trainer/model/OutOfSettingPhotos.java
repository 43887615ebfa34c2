package io.edgeloop.trainer.model;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Photos of the same products in other settings, made from one photo at run time: the product cut out and put on
 * generated backgrounds, other light, other sizes and positions. Deterministic for the {@link Random} given.
 *
 * <p>The cut-out is deliberately simple: the background is estimated from the photo's border (the colours found
 * in its outer 5 %), every pixel whose colour is not close to one of them is product, and the product is the box
 * holding the central 96 % of those pixels. On the web shots (a product on white) this finds the product; on the
 * phone photos of tins on a table it keeps some table around the tin and may lose shiny parts of the tin.
 *
 * <p>Independent of the trainer's own augmentation on purpose: it works on the full-size photo, with other
 * background families (textures, stripes), and goes through JPEG encoding as an upload would.
 */
final class OutOfSettingPhotos {

    /** What differs from the photo the product was cut from. */
    enum Change {
        /** The cut-out, same size, centred, on a generated background: plain, gradient, noise or stripes. */
        BACKGROUND,
        /** The whole photo under other light: brightness, contrast and a colour cast. */
        LIGHT,
        /** The whole photo zoomed in (a crop) or out (shrunk onto a mirrored extension of itself), off-centre. */
        SIZE_AND_POSITION,
        /** The cut-out at another size and place, on a generated background, under other light. */
        ALL
    }

    private static final int LEVELS = 16;
    private static final double BORDER = 0.05;
    /** Share of the border pixels a colour needs to count as background (ignores a product touching the edge). */
    private static final double BACKGROUND_SHARE = 0.004;

    private OutOfSettingPhotos() {
    }

    /** The photo in {@code bytes} with {@code change} drawn from {@code random}, as JPEG bytes. */
    static byte[] render(byte[] bytes, Change change, Random random) {
        BufferedImage photo = read(bytes);
        BufferedImage out = switch (change) {
            case BACKGROUND -> composite(photo, cutOut(photo), background(photo.getWidth(), photo.getHeight(),
                    random), 1, 0.5, 0.5);
            case LIGHT -> light(photo, random);
            case SIZE_AND_POSITION -> random.nextBoolean() ? zoomIn(photo, random) : zoomOut(photo, random);
            case ALL -> light(composite(photo, cutOut(photo), background(photo.getWidth(), photo.getHeight(),
                    random), 0.4 + random.nextDouble() * 0.5, random.nextDouble(), random.nextDouble()), random);
        };
        return jpeg(out);
    }

    /** The product: its box in the photo and which pixels of the box are product. */
    record CutOut(int x, int y, boolean[][] mask) {

        int width() {
            return mask[0].length;
        }

        int height() {
            return mask.length;
        }
    }

    static CutOut cutOut(BufferedImage photo) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        int border = Math.max(2, (int) (Math.min(w, h) * BORDER));
        int[] counts = new int[LEVELS * LEVELS * LEVELS];
        int borderPixels = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < border || y < border || x >= w - border || y >= h - border) {
                    counts[bin(photo.getRGB(x, y))]++;
                    borderPixels++;
                }
            }
        }
        boolean[] background = new boolean[counts.length];
        for (int b = 0; b < counts.length; b++) {
            background[b] = counts[b] >= BACKGROUND_SHARE * borderPixels;
        }
        boolean[][] product = new boolean[h][w];
        int[] xs = new int[w * h];
        int[] ys = new int[w * h];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!nearBackground(photo.getRGB(x, y), background)) {
                    product[y][x] = true;
                    xs[n] = x;
                    ys[n++] = y;
                }
            }
        }
        if (n < w * h / 100) {
            // Nothing stands out from the border: the whole photo is the product.
            boolean[][] all = new boolean[h][w];
            Arrays.stream(all).forEach(row -> Arrays.fill(row, true));
            return new CutOut(0, 0, all);
        }
        Arrays.sort(xs, 0, n);
        Arrays.sort(ys, 0, n);
        int x0 = xs[n / 50];
        int x1 = xs[n - 1 - n / 50];
        int y0 = ys[n / 50];
        int y1 = ys[n - 1 - n / 50];
        return new CutOut(x0, y0, filled(product, x0, y0, x1 - x0 + 1, y1 - y0 + 1));
    }

    /**
     * The product pixels of the box with their holes filled: a pixel is product when it lies between the first and
     * last product pixel of its row and of its column (rows and columns with under 10 % product count as empty).
     */
    private static boolean[][] filled(boolean[][] product, int x0, int y0, int w, int h) {
        int[] rowFirst = new int[h];
        int[] rowLast = new int[h];
        for (int y = 0; y < h; y++) {
            rowFirst[y] = w;
            rowLast[y] = -1;
            int count = 0;
            for (int x = 0; x < w; x++) {
                if (product[y0 + y][x0 + x]) {
                    rowFirst[y] = Math.min(rowFirst[y], x);
                    rowLast[y] = x;
                    count++;
                }
            }
            if (count < w / 10) {
                rowFirst[y] = w;
                rowLast[y] = -1;
            }
        }
        int[] columnFirst = new int[w];
        int[] columnLast = new int[w];
        for (int x = 0; x < w; x++) {
            columnFirst[x] = h;
            columnLast[x] = -1;
            int count = 0;
            for (int y = 0; y < h; y++) {
                if (product[y0 + y][x0 + x]) {
                    columnFirst[x] = Math.min(columnFirst[x], y);
                    columnLast[x] = y;
                    count++;
                }
            }
            if (count < h / 10) {
                columnFirst[x] = h;
                columnLast[x] = -1;
            }
        }
        boolean[][] mask = new boolean[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mask[y][x] = x >= rowFirst[y] && x <= rowLast[y] && y >= columnFirst[x] && y <= columnLast[x];
            }
        }
        return mask;
    }

    /** Whether the colour or one of its neighbouring quantised colours occurs in the border. */
    private static boolean nearBackground(int rgb, boolean[] background) {
        int r = (rgb >> 16 & 255) * LEVELS / 256;
        int g = (rgb >> 8 & 255) * LEVELS / 256;
        int b = (rgb & 255) * LEVELS / 256;
        for (int dr = -1; dr <= 1; dr++) {
            for (int dg = -1; dg <= 1; dg++) {
                for (int db = -1; db <= 1; db++) {
                    int rr = r + dr;
                    int gg = g + dg;
                    int bb = b + db;
                    if (rr >= 0 && gg >= 0 && bb >= 0 && rr < LEVELS && gg < LEVELS && bb < LEVELS
                            && background[(rr * LEVELS + gg) * LEVELS + bb]) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int bin(int rgb) {
        return (((rgb >> 16 & 255) * LEVELS / 256) * LEVELS + (rgb >> 8 & 255) * LEVELS / 256) * LEVELS
                + (rgb & 255) * LEVELS / 256;
    }

    /**
     * The cut-out's product pixels drawn onto {@code canvas}, scaled so that it fills {@code scale} of the canvas
     * (1: as large as fits), its centre at ({@code cx}, {@code cy}) of the free room (0.5: centred).
     */
    static BufferedImage composite(BufferedImage photo, CutOut cut, BufferedImage canvas, double scale, double cx,
            double cy) {
        int w = canvas.getWidth();
        int h = canvas.getHeight();
        double fit = Math.min((double) w / cut.width(), (double) h / cut.height());
        double factor = Math.min(fit, scale == 1 ? 1 : fit * scale);
        int cw = Math.max(1, (int) (cut.width() * factor));
        int ch = Math.max(1, (int) (cut.height() * factor));
        int left = (int) ((w - cw) * cx);
        int top = (int) ((h - ch) * cy);
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int sx = Math.min(cut.width() - 1, (int) (x / factor));
                int sy = Math.min(cut.height() - 1, (int) (y / factor));
                if (cut.mask()[sy][sx]) {
                    canvas.setRGB(left + x, top + y, photo.getRGB(cut.x() + sx, cut.y() + sy));
                }
            }
        }
        return canvas;
    }

    /** A generated background: a plain colour, a two-colour gradient, value noise or stripes. */
    static BufferedImage background(int w, int h, Random random) {
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] a = colour(random);
        float[] b = colour(random);
        int kind = random.nextInt(4);
        double angle = random.nextDouble() * Math.PI;
        double period = 8 + random.nextDouble() * 40;
        int grid = 4 + random.nextInt(8);
        float[][] noise = new float[grid + 1][grid + 1];
        for (float[] row : noise) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextFloat();
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double along = (x * Math.cos(angle) + y * Math.sin(angle)) / Math.hypot(w, h);
                double t = switch (kind) {
                    case 0 -> 0;
                    case 1 -> Math.abs(along);
                    case 2 -> smoothNoise(noise, (double) x / w * grid, (double) y / h * grid);
                    default -> ((int) Math.floor(along * Math.hypot(w, h) / period)) % 2 == 0 ? 0 : 1;
                };
                canvas.setRGB(x, y, rgb(mix(a, b, (float) t)));
            }
        }
        return canvas;
    }

    private static double smoothNoise(float[][] noise, double gx, double gy) {
        int ix = Math.min((int) gx, noise.length - 2);
        int iy = Math.min((int) gy, noise.length - 2);
        double fx = gx - ix;
        double fy = gy - iy;
        return (noise[iy][ix] * (1 - fx) + noise[iy][ix + 1] * fx) * (1 - fy)
                + (noise[iy + 1][ix] * (1 - fx) + noise[iy + 1][ix + 1] * fx) * fy;
    }

    /** Brightness x0.6-1.4, contrast x0.6-1.3 around mid-grey, each channel x0.8-1.2. */
    static BufferedImage light(BufferedImage photo, Random random) {
        double brightness = 0.6 + random.nextDouble() * 0.8;
        double contrast = 0.6 + random.nextDouble() * 0.7;
        double[] cast = {0.8 + random.nextDouble() * 0.4, 0.8 + random.nextDouble() * 0.4,
            0.8 + random.nextDouble() * 0.4};
        BufferedImage out = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                int rgb = photo.getRGB(x, y);
                float[] c = new float[3];
                for (int i = 0; i < 3; i++) {
                    double v = (rgb >> (16 - 8 * i) & 255) / 255.0;
                    c[i] = (float) (((v - 0.5) * contrast + 0.5) * brightness * cast[i]);
                }
                out.setRGB(x, y, rgb(c));
            }
        }
        return out;
    }

    /** A crop of 55-85 % of the photo's side at a random place. */
    static BufferedImage zoomIn(BufferedImage photo, Random random) {
        double side = 0.55 + random.nextDouble() * 0.3;
        int cw = (int) (photo.getWidth() * side);
        int ch = (int) (photo.getHeight() * side);
        int x = (int) (random.nextDouble() * (photo.getWidth() - cw));
        int y = (int) (random.nextDouble() * (photo.getHeight() - ch));
        BufferedImage out = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(photo.getSubimage(x, y, cw, ch), 0, 0, null);
        return out;
    }

    /** The photo shrunk to 50-80 % at a random place, the rest filled by mirroring the photo outwards. */
    static BufferedImage zoomOut(BufferedImage photo, Random random) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        double scale = 0.5 + random.nextDouble() * 0.3;
        int sw = (int) (w * scale);
        int sh = (int) (h * scale);
        int left = (int) (random.nextDouble() * (w - sw));
        int top = (int) (random.nextDouble() * (h - sh));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = mirror((int) ((x - left) / scale), w);
                int sy = mirror((int) ((y - top) / scale), h);
                out.setRGB(x, y, photo.getRGB(sx, sy));
            }
        }
        return out;
    }

    private static int mirror(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    /** A colour with random hue, saturation and brightness, as RGB in [0, 1]. */
    private static float[] colour(Random random) {
        int rgb = java.awt.Color.HSBtoRGB(random.nextFloat(), random.nextFloat(), 0.15f + 0.85f * random.nextFloat());
        return new float[] {(rgb >> 16 & 255) / 255f, (rgb >> 8 & 255) / 255f, (rgb & 255) / 255f};
    }

    private static float[] mix(float[] a, float[] b, float t) {
        return new float[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t};
    }

    private static int rgb(float[] c) {
        int r = Math.round(Math.max(0, Math.min(1, c[0])) * 255);
        int g = Math.round(Math.max(0, Math.min(1, c[1])) * 255);
        int b = Math.round(Math.max(0, Math.min(1, c[2])) * 255);
        return r << 16 | g << 8 | b;
    }

    static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("Not an image ImageIO reads");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
