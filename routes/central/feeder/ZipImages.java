package io.edgeloop.feeder;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Streams the entries of an uploaded ZIP one at a time, so only one image is ever in memory.
 * Checks each name against {@code images/<class>/<file>.(jpg|jpeg|png)} and each content against the
 * JPEG/PNG signatures, and enforces limits on entry size, entry count and total uncompressed bytes, so
 * a zip bomb is cut off while it inflates.
 */
public final class ZipImages implements Iterator<ZipEntryOutcome>, Closeable {

    private static final Pattern IMAGE_ENTRY = Pattern.compile(
            "images/([^/]+)/([^/]+)");
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
    private boolean closed;

    private ZipImages(InputStream upload, long maxEntryBytes, int maxEntries, long maxTotalBytes) {
        this.upload = new ArchiveEndWatch(upload);
        this.zip = new ZipInputStream(this.upload);
        this.maxEntryBytes = maxEntryBytes;
        this.maxEntries = maxEntries;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** Entry point for the route: {@code method: ZipImages.of(${body}, limits...)}. */
    public static ZipImages of(InputStream upload, long maxEntryBytes, int maxEntries, long maxTotalBytes) {
        return new ZipImages(upload, maxEntryBytes, maxEntries, maxTotalBytes);
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (next == null) {
            try {
                next = readNext();
            } catch (RuntimeException e) {
                closed = true; // a refused archive has no further entries to offer
                throw e;
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
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                checkSafe(name);
                if (entry.isDirectory()) {
                    continue;
                }
                if (++entries > maxEntries) {
                    throw new UploadRejectedException(413, "the ZIP has more than " + maxEntries + " entries");
                }
                return inspect(name);
            }
            if (entries == 0) {
                throw new UploadRejectedException(400, "the upload is not a ZIP archive or holds no files");
            }
            if (!upload.endsLikeAnArchive()) {
                throw new UploadRejectedException(400, "the upload broke off: the ZIP has no end of archive");
            }
            return null;
        } catch (ZipException e) {
            throw new UploadRejectedException(400, "corrupt ZIP archive: " + e.getMessage());
        } catch (IOException e) {
            throw new UploadRejectedException(400, "the upload broke off: " + e.getMessage());
        }
    }

    private ZipEntryOutcome inspect(String name) throws IOException {
        String reason = nameProblem(name);
        byte[] content = readBounded(name);
        if (reason != null) {
            return ZipEntryOutcome.skippedEntry(name, reason);
        }
        if (!startsWith(content, JPEG) && !startsWith(content, PNG)) {
            return ZipEntryOutcome.skippedEntry(name, "content is not a JPEG or PNG image");
        }
        Matcher matcher = IMAGE_ENTRY.matcher(name);
        matcher.matches();
        return ZipEntryOutcome.imageEntry(name, matcher.group(1), content, sha256(content));
    }

    /** Why a file entry is not an image to store, or null when its name is fine. */
    private static String nameProblem(String name) {
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        if (name.startsWith("__MACOSX/") || fileName.startsWith(".") || fileName.equalsIgnoreCase("Thumbs.db")
                || fileName.equalsIgnoreCase("desktop.ini")) {
            return "operating system metadata";
        }
        Matcher matcher = IMAGE_ENTRY.matcher(name);
        if (!matcher.matches()) {
            return "not an image under images/<class>/";
        }
        if (!CLASS_NAME.matcher(matcher.group(1)).matches()) {
            return "class name must be lower case letters, digits, '-' or '_'";
        }
        if (!IMAGE_FILE.matcher(fileName).matches()) {
            return "not a .jpg, .jpeg or .png file";
        }
        return null;
    }

    /** Zip-slip and friends: a name that could escape the target folder refuses the whole archive. */
    private static void checkSafe(String name) {
        boolean unsafe = name.startsWith("/") || name.contains("\\") || name.contains("\0")
                || name.matches("^[A-Za-z]:.*") || ("/" + name + "/").contains("/../");
        if (unsafe) {
            throw new UploadRejectedException(400, "unsafe entry name: " + name);
        }
    }

    /** Reads the current entry (skipped ones too, so the total limit counts everything inflated). */
    private byte[] readBounded(String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long entryBytes = 0;
        int read;
        while ((read = zip.read(buffer)) != -1) {
            entryBytes += read;
            totalBytes += read;
            if (entryBytes > maxEntryBytes) {
                throw new UploadRejectedException(413, "entry " + name + " is larger than " + maxEntryBytes + " bytes");
            }
            if (totalBytes > maxTotalBytes) {
                throw new UploadRejectedException(413, "the ZIP inflates to more than " + maxTotalBytes + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] content, byte[] signature) {
        if (content.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (content[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Total bytes inflated so far. */
    public long getTotalBytes() {
        return totalBytes;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        zip.close();
    }
}
