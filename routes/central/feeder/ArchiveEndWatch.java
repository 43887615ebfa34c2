package io.edgeloop.feeder;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Keeps the last bytes of an upload so that, once the ZIP reader finds no further entry, a whole archive (it ends
 * with an end-of-central-directory record) can be told from one cut off between two entries, which
 * {@link java.util.zip.ZipInputStream} reads as if it were complete.
 */
final class ArchiveEndWatch extends FilterInputStream {

    /** The end-of-central-directory record: 22 bytes, then a comment of at most 65535 bytes, at the very end. */
    private static final int TAIL = 22 + 65535;

    private final byte[] tail = new byte[TAIL];
    private long total;

    ArchiveEndWatch(InputStream upload) {
        super(upload);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int copied = 0, run; copied < n; copied += run, total += run) { // byte by byte: 5 s of CPU per GB
            run = Math.min(n - copied, TAIL - (int) (total % TAIL));
            System.arraycopy(buffer, offset + copied, tail, (int) (total % TAIL), run);
        }
        return n;
    }

    /** Reads the rest of the upload and tells whether it ended with an end-of-central-directory record. */
    boolean endsLikeAnArchive() throws IOException {
        byte[] rest = new byte[8192];
        while (read(rest, 0, rest.length) >= 0) {
            // drained through read(), which keeps the tail
        }
        for (long at = total - 22; at >= Math.max(0, total - TAIL); at--) {
            if (at(at) == 'P' && at(at + 1) == 'K' && at(at + 2) == 5 && at(at + 3) == 6) {
                return true;
            }
        }
        return false;
    }

    private byte at(long position) {
        return tail[(int) (position % TAIL)];
    }
}
