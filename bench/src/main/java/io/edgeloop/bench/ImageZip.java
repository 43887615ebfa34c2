package io.edgeloop.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A generated upload as an edge sends it: {@code images/<class>/<file>.jpg} entries, each a JPEG signature
 * followed by random (incompressible) bytes, written to a file entry by entry so the archive is never in memory.
 * Entries are DEFLATED (as zip tools and {@link ZipOutputStream} write them, with data descriptors) at level 0,
 * the cheapest form of that format: random bytes would not shrink at any level.
 */
final class ImageZip {

    static final int CLASSES = 4;
    private static final byte[] JPEG_SIGNATURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};

    private final Path file;
    private final List<String> entryNames;
    private final int entryBytes;

    private ImageZip(Path file, List<String> entryNames, int entryBytes) {
        this.file = file;
        this.entryNames = List.copyOf(entryNames);
        this.entryBytes = entryBytes;
    }

    /** Writes {@code entries} images of {@code entryBytes} bytes each to {@code file}. */
    static ImageZip generate(Path file, int entries, int entryBytes, String runId, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] content = new byte[entryBytes];
        List<String> names = new ArrayList<>(entries);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            zip.putNextEntry(new ZipEntry("images/"));
            zip.closeEntry();
            for (int i = 0; i < entries; i++) {
                String name = String.format("images/bench-%d/%s-%06d.jpg", i % CLASSES, runId, i);
                fill(random, content);
                zip.putNextEntry(new ZipEntry(name));
                zip.write(content);
                zip.closeEntry();
                names.add(name);
            }
        }
        return new ImageZip(file, names, entryBytes);
    }

    private static void fill(SplittableRandom random, byte[] content) {
        int i = 0;
        for (; i + 8 <= content.length; i += 8) {
            long value = random.nextLong();
            for (int b = 0; b < 8; b++) {
                content[i + b] = (byte) (value >>> (b * 8));
            }
        }
        for (; i < content.length; i++) {
            content[i] = (byte) random.nextInt(256);
        }
        System.arraycopy(JPEG_SIGNATURE, 0, content, 0, Math.min(JPEG_SIGNATURE.length, content.length));
    }

    /** Hands every image (name, content) to {@code consumer}, one at a time, read back from the file. */
    void forEachImage(BiConsumer<String, byte[]> consumer) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    consumer.accept(entry.getName(), in.readAllBytes());
                }
            }
        }
    }

    Path file() {
        return file;
    }

    List<String> entryNames() {
        return entryNames;
    }

    int entries() {
        return entryNames.size();
    }

    /** Bytes of image content (what ends up in S3), the measure of both throughputs. */
    long imageBytes() {
        return (long) entryBytes * entryNames.size();
    }

    long fileBytes() throws IOException {
        return Files.size(file);
    }
}
