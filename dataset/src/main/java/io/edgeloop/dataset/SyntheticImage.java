package io.edgeloop.dataset;

/**
 * One generated photo and where it belongs in the dataset layout.
 *
 * @param fileName e.g. {@code tea-green-0007.jpg}
 * @param jpeg     the encoded photo; not copied, so do not change it
 */
public record SyntheticImage(String className, String fileName, byte[] jpeg) {

    /** The photo's path in the layout, {@code images/<class>/<file>}: its entry in a ZIP, its key in a bucket. */
    public String path() {
        return "images/" + className + "/" + fileName;
    }
}
