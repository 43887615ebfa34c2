package io.edgeloop.shopper;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Object keys of stored photos, {@code images/<label>/<timestamp>-<random>.jpg}: unique under concurrent requests. */
public final class PhotoKeys {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss-SSS");

    private PhotoKeys() {
    }

    public static String key(String label, Photo photo) {
        String folder = label.toLowerCase().replaceAll("[^a-z0-9_-]+", "-");
        return "images/" + folder + "/" + LocalDateTime.now().format(TIMESTAMP) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000)) + "." + photo.extension();
    }
}
