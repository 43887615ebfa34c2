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
 * The ZIP of an edge's training data, written by one thread while another sends it (camel-zipfile aggregates a whole
 * ZIP first): the writer waits while the 256 KB pipe between them is full, so no ZIP or photo is held whole in memory.
 * Entries are named by their keys, stored uncompressed (JPEG and PNG do not shrink). A failed writer ends the ZIP with
 * the header of an entry that never comes, so the feeder sees it broken off, never a short valid one.
 */
public final class TrainingDataZip {

    private static final byte[] BROKEN_OFF = {0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};

    private final PipedInputStream pipe = new PipedInputStream(256 * 1024);
    private final PipedOutputStream sink = new PipedOutputStream();
    private final AtomicInteger files = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final ZipOutputStream zip;
    private volatile String failure;
    private volatile boolean complete;

    private TrainingDataZip() throws IOException {
        sink.connect(pipe);
        zip = new ZipOutputStream(new FilterOutputStream(sink) {
            @Override
            public void write(byte[] source, int offset, int count) throws IOException {
                out.write(source, offset, count);
                out.flush(); // wakes the reader at once: PipedInputStream alone looks once a second
                bytes.addAndGet(count);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        });
        zip.setLevel(Deflater.NO_COMPRESSION);
    }

    public static TrainingDataZip open() throws IOException {
        return new TrainingDataZip();
    }

    /** Adds an object as the entry named by its key, as it streams from S3 (static: a bean step hands it over unread). */
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

    /** The writer cannot go on: the reader gets a broken-off ZIP, then an IOException. */
    public static void fail(TrainingDataZip zip, Exception error) {
        zip.failure = String.valueOf(error.getMessage());
        try (PipedOutputStream sink = zip.sink) {
            sink.write(BROKEN_OFF);
        } catch (IOException e) {
            // the reader is gone already
        }
    }

    /** The ZIP as it is written, for the request body. */
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

    /** The sender read the whole ZIP. */
    public boolean isComplete() {
        return complete;
    }

    public String getFailure() {
        return failure;
    }

    public int getFiles() {
        return files.get();
    }

    public long getBytes() {
        return bytes.get();
    }
}
