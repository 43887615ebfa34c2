package io.edgeloop.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A synthetic dataset in the layout the feeder and the trainer read, {@code images/<class>/<class>-NNNN.jpg},
 * for tests in a fresh clone and the offline demo, where the real photos are not at hand.
 *
 * <p>The same classes, count, size and seed give byte-identical photos. Each photo depends only on the seed,
 * its class and its number, so adding a class or asking for more photos keeps the ones already generated.
 */
public final class SyntheticDataset {

    /** The demo's classes (see catalogue/catalogue.json). */
    public static final List<String> DEFAULT_CLASSES =
            List.of("tea-earl-grey", "tea-green", "tea-lemon", ProductPhotoPainter.OTHER);

    /** A class is a folder name, in the bucket and in a ZIP. */
    private static final Pattern CLASS_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final List<String> classes;
    private final int perClass;
    private final int size;
    private final long seed;
    private final ProductPhotoPainter painter;

    /**
     * @param classes  class names, lower case {@code [a-z0-9][a-z0-9_-]*}; {@code other} gets scenes without
     *                 a product
     * @param perClass photos per class, at least 1
     * @param size     width and height of each photo in pixels, at least 16
     */
    public SyntheticDataset(List<String> classes, int perClass, int size, long seed) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("At least one class is needed");
        }
        for (String className : classes) {
            if (!CLASS_NAME.matcher(className).matches()) {
                throw new IllegalArgumentException(
                        "Class names are lower case [a-z0-9][a-z0-9_-]*, not '" + className + "'");
            }
        }
        if (new LinkedHashSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("Each class once, not " + classes);
        }
        if (perClass < 1) {
            throw new IllegalArgumentException("At least one photo per class, not " + perClass);
        }
        this.classes = List.copyOf(classes);
        this.perClass = perClass;
        this.size = size;
        this.seed = seed;
        this.painter = new ProductPhotoPainter(size);
    }

    public List<String> classes() {
        return classes;
    }

    public int perClass() {
        return perClass;
    }

    public int size() {
        return size;
    }

    public long seed() {
        return seed;
    }

    /** Every photo, class by class, painted as the stream is consumed: build a ZIP or upload without a disk. */
    public Stream<SyntheticImage> images() {
        return classes.stream().flatMap(className -> IntStream.rangeClosed(1, perClass)
                .mapToObj(number -> image(className, number)));
    }

    /**
     * Writes every photo under {@code directory}, replacing files of the same name.
     *
     * @return the {@code images} folder written to
     */
    public Path writeTo(Path directory) throws IOException {
        for (Iterator<SyntheticImage> images = images().iterator(); images.hasNext(); ) {
            SyntheticImage image = images.next();
            Path file = directory.resolve(image.path());
            Files.createDirectories(file.getParent());
            Files.write(file, image.jpeg());
        }
        return directory.resolve("images");
    }

    private SyntheticImage image(String className, int number) {
        long imageSeed = mix(mix(mix(seed) + className.hashCode()) + number);
        return new SyntheticImage(className, String.format(Locale.ROOT, "%s-%04d.jpg", className, number),
                painter.paint(className, imageSeed));
    }

    /** SplittableRandom's finaliser: nearby inputs (seed 42 and 43, photo 1 and 2) give unrelated outputs. */
    private static long mix(long value) {
        long z = (value ^ (value >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
