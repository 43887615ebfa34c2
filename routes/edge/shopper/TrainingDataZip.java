package io.edgeloop.shopper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The ZIP of an edge's training data, written by one thread while another sends it as the body of the request to
 * the central feeder: a small bounded pipe joins the two, so neither the ZIP nor the set of photos is ever held in
 * memory or on disk, whatever the size of the bucket. Entries are named by their object keys
 * ({@code images/<class>/<file>}) and not compressed: JPEG and PNG do not shrink, the edge's CPU has better uses.
 * <p>
 * The writer ends with {@link #finish()} (the reader then reaches the end of the ZIP) or {@link #fail} (the reader
 * gets the start of an entry that never comes, then an IOException: the HTTP client gives up and the feeder sees a
 * broken-off upload, never a short but valid one). {@link #close()} ends the shipment from the sending side: a
 * writer still at work fails at its next write instead of waiting forever.
 */
public final class TrainingDataZip {

    /** Bytes written but not yet sent; the writer waits while the pipe is full. */
    private static final int PIPE_BYTES = 256 * 1024;
    /**
     * What a failed ZIP ends with: the header of an entry whose name never comes. The HTTP client ends a chunked body
     * properly even when its source fails, and a ZIP cut off between two entries reads as complete to a streaming
     * reader (the feeder's ZipInputStream); with this it reads as broken off, so the feeder refuses the upload.
     */
    private static final byte[] BROKEN_OFF = {0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};

    private final byte[] pipe = new byte[PIPE_BYTES];
    private int start;
    private int length;
    private boolean finished;
    private boolean closed;
    private String failure;
    private int brokenOffSent;
    private int files;
    private long bytes;
    private final ZipOutputStream zip = new ZipOutputStream(new Sink());
    private final InputStream stream = new Source();

    private TrainingDataZip() {
        zip.setLevel(Deflater.NO_COMPRESSION);
    }

    /** Entry point for the route: an empty ZIP, to be written by one thread and read by another. */
    public static TrainingDataZip open() {
        return new TrainingDataZip();
    }

    /**
     * Entry point for the route: adds one object, read as it streams from S3, as the entry named by its key. Static,
     * as Simple would pass the stream to a method of the variable as text; a bean step hands it over unread.
     */
    public static void add(TrainingDataZip zip, String key, InputStream content) throws IOException {
        try (content) {
            zip.zip.putNextEntry(new ZipEntry(key));
            content.transferTo(zip.zip);
            zip.zip.closeEntry();
        }
        synchronized (zip) {
            zip.files++;
        }
    }

    /** The ZIP as it is written, for the request body; read it once. */
    public InputStream getStream() {
        return stream;
    }

    /** Writes the ZIP's central directory: the reader reaches the end once it has read everything. */
    public void finish() throws IOException {
        zip.close();
        synchronized (this) {
            finished = true;
            notifyAll();
        }
    }

    /** Entry point for the route: the writer cannot go on, so the reader fails instead of reaching the end. */
    public static void fail(TrainingDataZip zip, Throwable error) {
        String reason = ErrorBody.reason(error);
        synchronized (zip) {
            if (zip.failure == null && !zip.finished) {
                zip.failure = reason == null ? error.toString() : reason;
                zip.notifyAll();
            }
        }
    }

    /** The shipment is over (sent, refused or broken off): unread bytes are dropped and the writer stops. */
    public synchronized void close() {
        closed = true;
        length = 0;
        notifyAll();
    }

    /** The whole ZIP was written (and, once the feeder answered, sent). */
    public synchronized boolean isComplete() {
        return finished;
    }

    /** Why the writer failed, or null. */
    public synchronized String getFailure() {
        return failure;
    }

    public synchronized int getFiles() {
        return files;
    }

    /** The size of the ZIP written so far. */
    public synchronized long getBytes() {
        return bytes;
    }

    /** The monitor's {@code zipdata} event: the ZIP that was sent. */
    public synchronized String event() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", "zipdata");
        event.put("origin", "http");
        event.put("files", files);
        event.put("bytes", bytes);
        return JsonWriter.write(event);
    }

    private synchronized void write(byte[] source, int offset, int count) throws IOException {
        while (count > 0) {
            while (length == PIPE_BYTES && !closed) {
                await();
            }
            if (closed) {
                throw new IOException("the shipment ended before the ZIP was written");
            }
            int end = (start + length) % PIPE_BYTES;
            int chunk = Math.min(count, Math.min(PIPE_BYTES - length, PIPE_BYTES - end));
            System.arraycopy(source, offset, pipe, end, chunk);
            length += chunk;
            bytes += chunk;
            offset += chunk;
            count -= chunk;
            notifyAll();
        }
    }

    private synchronized int read(byte[] target, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        while (length == 0 && !finished && failure == null && !closed) {
            await();
        }
        if (failure != null && brokenOffSent < BROKEN_OFF.length) {
            int chunk = Math.min(count, BROKEN_OFF.length - brokenOffSent);
            System.arraycopy(BROKEN_OFF, brokenOffSent, target, offset, chunk);
            brokenOffSent += chunk;
            return chunk;
        }
        if (failure != null) {
            throw new IOException("the training data could not be read: " + failure);
        }
        if (length == 0 && finished) {
            return -1;
        }
        if (length == 0) {
            throw new IOException("the shipment ended before the ZIP was written");
        }
        int chunk = Math.min(count, Math.min(length, PIPE_BYTES - start));
        System.arraycopy(pipe, start, target, offset, chunk);
        start = (start + chunk) % PIPE_BYTES;
        length -= chunk;
        notifyAll();
        return chunk;
    }

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while shipping the training data");
        }
    }

    private final class Sink extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] source, int offset, int count) throws IOException {
            TrainingDataZip.this.write(source, offset, count);
        }
    }

    private final class Source extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int count) throws IOException {
            return TrainingDataZip.this.read(target, offset, count);
        }

        @Override
        public void close() {
            TrainingDataZip.this.close();
        }
    }
}
