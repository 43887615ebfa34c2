package io.edgeloop.shopper;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The ZIP of an edge's training data, written by one thread while another sends it to the central feeder. A 256 KB
 * pipe joins the two and the writer waits while it is full, so neither the ZIP nor a photo is ever held whole in
 * memory. Entries are named by their object keys and stored uncompressed: JPEG and PNG do not shrink. No Camel step
 * streams a ZIP that is written while it is sent (camel-zipfile aggregates it first).
 * <p>
 * A writer that fails ends the ZIP with the header of an entry whose name never comes, then the reader fails: the HTTP
 * client still ends the chunked body properly, and the feeder sees a broken-off ZIP, never a short valid one. Closing
 * the reader (the shipment is over) makes a writer still at work fail at its next write.
 */
public final class TrainingDataZip {

    private static final int PIPE_BYTES = 256 * 1024;
    private static final byte[] BROKEN_OFF = {0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};

    private final PipedInputStream pipe = new PipedInputStream(PIPE_BYTES);
    private final PipedOutputStream sink = new PipedOutputStream();
    private final AtomicInteger files = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final ZipOutputStream zip;
    private volatile String failure;
    private volatile boolean complete;

    /** An empty ZIP, to be written by one thread and read by another. */
    public static TrainingDataZip open() throws IOException {
        return new TrainingDataZip();
    }

    private TrainingDataZip() throws IOException {
        sink.connect(pipe);
        // Every write wakes the reader at once; PipedInputStream alone polls once a second.
        zip = new ZipOutputStream(new FilterOutputStream(sink) {
            @Override
            public void write(byte[] source, int offset, int count) throws IOException {
                out.write(source, offset, count);
                out.flush();
                bytes.addAndGet(count);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        });
        zip.setLevel(Deflater.NO_COMPRESSION);
    }

    /** Adds one object as the entry named by its key, read as it streams from S3. */
    public static void add(TrainingDataZip zip, String key, InputStream content) throws IOException {
        try (content) {
            zip.zip.putNextEntry(new ZipEntry(key));
            content.transferTo(zip.zip);
            zip.zip.closeEntry();
        }
        zip.files.incrementAndGet();
    }

    /** Writes the central directory: the reader reaches the end once it has read everything. */
    public void finish() throws IOException {
        zip.close();
    }

    /** The writer cannot go on: the reader gets a broken-off ZIP and then an IOException naming the reason. */
    public static void fail(TrainingDataZip zip, Exception error) {
        zip.failure = String.valueOf(error.getMessage());
        try (PipedOutputStream sink = zip.sink) {
            sink.write(BROKEN_OFF);
        } catch (IOException e) {
            // the reader is gone already
        }
    }

    /** The ZIP as it is written, for the request body; read it once. */
    public InputStream getStream() {
        return new FilterInputStream(pipe) {
            @Override
            public int read(byte[] target, int offset, int count) throws IOException {
                int read = super.read(target, offset, count);
                if (read == -1 && failure != null) {
                    throw new IOException("the training data could not be read: " + failure);
                }
                complete = read == -1;
                return read;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
            }
        };
    }

    /** The shipment is over (sent, refused or broken off): a writer still at work stops at its next write. */
    public void close() throws IOException {
        pipe.close();
    }

    /** The whole ZIP was read by the sender. */
    public boolean isComplete() {
        return complete;
    }

    /** Why the writer failed, or null. */
    public String getFailure() {
        return failure;
    }

    public int getFiles() {
        return files.get();
    }

    /** The size of the ZIP written so far. */
    public long getBytes() {
        return bytes.get();
    }
}
