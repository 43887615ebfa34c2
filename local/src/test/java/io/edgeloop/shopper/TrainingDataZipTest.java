package io.edgeloop.shopper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

class TrainingDataZipTest {

    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    /** What the sending side receives, read whole; an IOException while reading is thrown after what came before. */
    private static byte[] readAll(InputStream in, ByteArrayOutputStream received) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            received.write(buffer, 0, n);
        }
        return received.toByteArray();
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void aFinishedZipHoldsEveryObjectUnderItsKeyAndIsReadToItsEnd() throws Exception {
        TrainingDataZip zip = TrainingDataZip.open();
        Map<String, byte[]> photos = Map.of("images/tea-green/1.jpg", bytes(70_000, 1), "images/tea-lemon/2.jpg", bytes(10, 2));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (var photo : photos.entrySet()) {
                    TrainingDataZip.add(zip, photo.getKey(), new ByteArrayInputStream(photo.getValue()));
                }
                zip.finish();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        byte[] sent = readAll(zip.getStream(), new ByteArrayOutputStream());
        writer.get(10, TimeUnit.SECONDS);

        Map<String, byte[]> entries = entries(sent);
        assertThat(entries).containsOnlyKeys(photos.keySet());
        photos.forEach((key, photo) -> assertThat(entries.get(key)).as(key).isEqualTo(photo));
        assertThat(zip.isComplete()).isTrue();
        assertThat(zip.getFiles()).isEqualTo(2);
        assertThat(zip.getBytes()).isEqualTo(sent.length);
        assertThat(zip.getFailure()).isNull();
    }

    @Test
    void theWriterWaitsWhileThePipeIsFull() throws Exception {
        TrainingDataZip zip = TrainingDataZip.open();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                TrainingDataZip.add(zip, "images/big/1.jpg", new ByteArrayInputStream(bytes(2_000_000, 3)));
                zip.finish();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(500);
        assertThat(writer).isNotDone();
        assertThat(zip.getBytes()).as("written before anything was read").isLessThanOrEqualTo(256 * 1024 + 64 * 1024);

        byte[] sent = readAll(zip.getStream(), new ByteArrayOutputStream());
        writer.get(10, TimeUnit.SECONDS);
        assertThat(entries(sent).get("images/big/1.jpg")).isEqualTo(bytes(2_000_000, 3));
    }

    @Test
    void aFailedWriterBreaksTheZipOffSoItDoesNotReadAsComplete() throws Exception {
        TrainingDataZip zip = TrainingDataZip.open();
        CompletableFuture.runAsync(() -> {
            try {
                TrainingDataZip.add(zip, "images/tea-green/1.jpg", new ByteArrayInputStream(bytes(1000, 4)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            TrainingDataZip.fail(zip, new IOException("disk failure reading images/tea-green/2.jpg"));
        });
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        assertThatThrownBy(() -> readAll(zip.getStream(), received))
                .isInstanceOf(IOException.class).hasMessageContaining("disk failure reading images/tea-green/2.jpg");

        assertThat(zip.getFailure()).isEqualTo("disk failure reading images/tea-green/2.jpg");
        assertThat(zip.isComplete()).isFalse();
        // A streaming reader (the feeder) gets the first entry, then a broken one instead of the end of the ZIP.
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(received.toByteArray()))) {
            assertThat(in.getNextEntry().getName()).isEqualTo("images/tea-green/1.jpg");
            assertThat(in.readAllBytes()).isEqualTo(bytes(1000, 4));
            assertThatThrownBy(in::getNextEntry).isInstanceOf(IOException.class);
        }
    }

    @Test
    void closingTheReaderStopsAWriterStillAtWork() throws Exception {
        TrainingDataZip zip = TrainingDataZip.open();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                TrainingDataZip.add(zip, "images/big/1.jpg", new ByteArrayInputStream(bytes(2_000_000, 5)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        zip.getStream().read(new byte[1024]);

        zip.close();

        assertThatThrownBy(() -> writer.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(IOException.class);
    }
}
