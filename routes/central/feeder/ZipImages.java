package io.edgeloop.feeder;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The entries of an uploaded ZIP, read one at a time as the upload arrives, so only one image is ever in memory.
 * Each name is checked against {@code images/<class>/<file>.(jpg|jpeg|png)}, each content against the JPEG/PNG
 * signatures; entry size, entry count and total inflated bytes are limited while the ZIP inflates (zip bombs).
 * A bad archive is an {@link IllegalArgumentException}, a limit a {@link ZipLimitExceededException}.
 */
public final class ZipImages implements Iterator<ZipEntryOutcome>, Closeable {

    private static final Pattern IMAGE_ENTRY = Pattern.compile("images/([^/]+)/([^/]+)");
    private static final Pattern CLASS_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern IMAGE_FILE = Pattern.compile(".+\\.(jpg|jpeg|png)", Pattern.CASE_INSENSITIVE);
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final ArchiveEndWatch upload;
    private final ZipInputStream zip;
    private final long maxEntryBytes;
    private final int maxEntries;
    private final long maxTotalBytes;
    private long totalBytes;
    private int entries;
    private ZipEntryOutcome next;
    private boolean done;

    private ZipImages(InputStream upload, long maxEntryBytes, int maxEntries, long maxTotalBytes) {
        this.upload = new ArchiveEndWatch(upload);
        this.zip = new ZipInputStream(this.upload);
        this.maxEntryBytes = maxEntryBytes;
        this.maxEntries = maxEntries;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** For the route: {@code method: ZipImages.of(${variable.upload.stream}, limits...)}. */
    public static ZipImages of(InputStream upload, long maxEntryBytes, int maxEntries, long maxTotalBytes) {
        return new ZipImages(upload, maxEntryBytes, maxEntries, maxTotalBytes);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = readNext();
            } finally {
                done = next == null; // the end, or a refused archive: no further entries
            }
        }
        return next != null;
    }

    @Override
    public ZipEntryOutcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ZipEntryOutcome outcome = next;
        next = null;
        return outcome;
    }

    private ZipEntryOutcome readNext() {
        try {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                checkSafe(entry.getName());
                if (!entry.isDirectory()) {
                    if (++entries > maxEntries) {
                        throw new ZipLimitExceededException("the ZIP has more than " + maxEntries + " entries");
                    }
                    return inspect(entry.getName());
                }
            }
            if (entries == 0) {
                throw new IllegalArgumentException("the upload is not a ZIP archive or holds no files");
            }
            if (!upload.endsLikeAnArchive()) {
                throw new IllegalArgumentException("the upload broke off: the ZIP has no end of archive");
            }
            return null;
        } catch (ZipException e) {
            throw new IllegalArgumentException("corrupt ZIP archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the upload broke off: " + e.getMessage(), e);
        }
    }

    private ZipEntryOutcome inspect(String name) throws IOException {
        String reason = nameProblem(name);
        byte[] content = readBounded(name); // skipped entries too: the total limit counts everything inflated
        if (reason != null) {
            return new ZipEntryOutcome(name, null, null, 0, null, "skipped", reason, null);
        }
        if (!Arrays.equals(JPEG, 0, 3, content, 0, Math.min(3, content.length))
                && !Arrays.equals(PNG, 0, 8, content, 0, Math.min(8, content.length))) {
            return new ZipEntryOutcome(name, null, null, 0, null, "skipped", "content is not a JPEG or PNG image", null);
        }
        String type = name.toLowerCase(Locale.ROOT).endsWith(".png") ? "image/png" : "image/jpeg";
        return new ZipEntryOutcome(name, name.split("/")[1], type, content.length, sha256(content), "image", null, content);
    }

    /** Why a file entry is not an image to store, or null when its name is fine. */
    private static String nameProblem(String name) {
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        Matcher matcher = IMAGE_ENTRY.matcher(name);
        if (name.startsWith("__MACOSX/") || fileName.startsWith(".") || fileName.equalsIgnoreCase("Thumbs.db")
                || fileName.equalsIgnoreCase("desktop.ini")) {
            return "operating system metadata";
        } else if (!matcher.matches()) {
            return "not an image under images/<class>/";
        } else if (!CLASS_NAME.matcher(matcher.group(1)).matches()) {
            return "class name must be lower case letters, digits, '-' or '_'";
        } else if (!IMAGE_FILE.matcher(fileName).matches()) {
            return "not a .jpg, .jpeg or .png file";
        }
        return null;
    }

    /** Zip-slip and friends: a name that could escape the target folder refuses the whole archive. */
    private static void checkSafe(String name) {
        if (name.startsWith("/") || name.contains("\\") || name.contains("\0") || name.matches("^[A-Za-z]:.*")
                || ("/" + name + "/").contains("/../")) {
            throw new IllegalArgumentException("unsafe entry name: " + name);
        }
    }

    private byte[] readBounded(String name) throws IOException {
        // readNBytes gathers small chunks and copies them once into an array of the exact size: a growing
        // ByteArrayOutputStream copied each image three times over, in arrays large enough to be allocated
        // outside the young generation, and the garbage collector then took a fifth of a core at 1 MiB images.
        byte[] content = zip.readNBytes((int) Math.min(maxEntryBytes + 1, Integer.MAX_VALUE - 8));
        if (content.length > maxEntryBytes) {
            throw new ZipLimitExceededException("entry " + name + " is larger than " + maxEntryBytes + " bytes");
        }
        totalBytes += content.length;
        if (totalBytes > maxTotalBytes) {
            throw new ZipLimitExceededException("the ZIP inflates to more than " + maxTotalBytes + " bytes");
        }
        return content;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        done = true;
        zip.close();
    }
}
