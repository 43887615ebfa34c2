package io.edgeloop.feeder;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Keeps the last bytes of an upload so that, once the ZIP reader has no further entry, the feeder can tell a
 * whole archive (it ends with an end-of-central-directory record) from one cut off between two entries, which
 * {@link java.util.zip.ZipInputStream} reads as if it were complete.
 */
final class ArchiveEndWatch extends FilterInputStream {

    /** The end-of-central-directory record: 22 bytes, then a comment of at most 65535 bytes, at the very end. */
    private static final int TAIL = 22 + 65535;
    private static final byte[] END_SIGNATURE = {'P', 'K', 5, 6};

    private final byte[] tail = new byte[TAIL];
    private long total;

    ArchiveEndWatch(InputStream upload) {
        super(upload);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            keep((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            keep(buffer[offset + i]);
        }
        return n;
    }

    private void keep(byte b) {
        tail[(int) (total++ % TAIL)] = b;
    }

    /** Reads the rest of the upload and tells whether it ended with an end-of-central-directory record. */
    boolean endsLikeAnArchive() throws IOException {
        byte[] rest = new byte[8192];
        while (read(rest, 0, rest.length) >= 0) {
            // drained through read(), which keeps the tail
        }
        int kept = (int) Math.min(total, TAIL);
        byte[] last = new byte[kept];
        for (int i = 0; i < kept; i++) {
            last[i] = tail[(int) ((total - kept + i) % TAIL)];
        }
        for (int i = kept - 22; i >= 0; i--) {
            if (last[i] == END_SIGNATURE[0] && last[i + 1] == END_SIGNATURE[1] && last[i + 2] == END_SIGNATURE[2]
                    && last[i + 3] == END_SIGNATURE[3]) {
                return true;
            }
        }
        return false;
    }
}
