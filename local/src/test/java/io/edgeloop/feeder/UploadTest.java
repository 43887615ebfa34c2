package io.edgeloop.feeder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.junit.jupiter.api.Test;

/** The upload as the route reads it, fed by a request stream the test controls as Vert.x would. */
class UploadTest {

    private static final int CHUNK = 64 * 1024;

    @Test
    void bytesArriveAsTheyWereSentAndEndWithTheRequest() throws Exception {
        Request request = new Request();
        InputStream stream = new Upload(request).getStream();

        request.send(Buffer.buffer("PK\3\4 first "));
        request.send(Buffer.buffer("second"));
        request.end();

        assertThat(new String(stream.readAllBytes())).isEqualTo("PK\3\4 first second");
    }

    @Test
    void theConnectionIsPausedOnceTheQueueIsFullAndResumedOnceTheReaderCaughtUp() throws Exception {
        Request request = new Request();
        InputStream stream = new Upload(request).getStream();

        long sent = 0;
        while (sent < Upload.HIGH_WATER) {
            assertThat(request.paused).as("paused after %d bytes", sent).isFalse();
            request.send(Buffer.buffer(new byte[CHUNK]));
            sent += CHUNK;
        }
        assertThat(request.paused).as("paused at %d bytes queued", sent).isTrue();

        long read = 0;
        while (sent - read > Upload.LOW_WATER + CHUNK) {
            read += stream.readNBytes(CHUNK).length;
            assertThat(request.paused).as("still paused with %d bytes queued", sent - read).isTrue();
        }
        read += stream.readNBytes(2 * CHUNK).length;
        assertThat(request.paused).as("resumed with %d bytes queued", sent - read).isFalse();
    }

    @Test
    void aReaderWaitsForTheClientAndAConnectionThatBreaksOffFailsTheRead() throws Exception {
        Request request = new Request();
        InputStream stream = new Upload(request).getStream();
        CompletableFuture<byte[]> reading = inBackground(stream::readAllBytes);

        request.send(Buffer.buffer(new byte[10]));
        Thread.sleep(100);
        assertThat(reading).isNotDone();
        request.fail(new IOException("Connection reset"));

        assertThatThrownBy(() -> reading.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class)
                .hasMessageContaining("the upload broke off: Connection reset");
    }

    @Test
    void aCloseWhileReadingEndsTheReadAndDrainsTheRestOfTheUpload() throws Exception {
        Request request = new Request();
        InputStream stream = new Upload(request).getStream();
        CompletableFuture<Integer> reading = inBackground(() -> stream.read(new byte[10]));
        Thread.sleep(100);
        assertThat(reading).as("waiting for the client").isNotDone();
        // One chunk past the high water mark: the reader may already have taken its bytes from the first one.
        for (long sent = 0; sent <= Upload.HIGH_WATER; sent += CHUNK) {
            request.send(Buffer.buffer(new byte[CHUNK]));
        }
        assertThat(request.paused).isTrue();
        // the waiting reader had its bytes by now; a second read waits for more once these are gone
        assertThat(reading.get(5, TimeUnit.SECONDS)).isEqualTo(10);

        stream.close();

        assertThat(request.paused).as("the rest is read and dropped").isFalse();
        assertThat(stream.read(new byte[10])).isEqualTo(-1);
        request.send(Buffer.buffer(new byte[CHUNK]));
        assertThat(stream.read()).isEqualTo(-1);
    }

    @Test
    void aCloseWakesAReaderThatWaitsForTheClient() throws Exception {
        Request request = new Request();
        InputStream stream = new Upload(request).getStream();
        CompletableFuture<Integer> reading = inBackground(() -> stream.read(new byte[10]));
        Thread.sleep(100);
        assertThat(reading).isNotDone();

        stream.close();

        assertThat(reading.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    void aZipIsReadEntryByEntryAsItArrives() throws Exception {
        Request request = new Request();
        byte[] zip = new io.edgeloop.local.testing.ZipBuilder()
                .add("images/a/1.jpg", io.edgeloop.local.testing.TestImages.jpeg(1))
                .add("images/a/2.jpg", io.edgeloop.local.testing.TestImages.jpeg(2)).build();
        ZipImages images = ZipImages.of(new Upload(request).getStream(), 1_000_000, 10, 10_000_000);
        for (int i = 0; i < zip.length; i += 100) {
            request.send(Buffer.buffer(java.util.Arrays.copyOfRange(zip, i, Math.min(zip.length, i + 100))));
        }
        request.end();

        assertThat(images.next().entry()).isEqualTo("images/a/1.jpg");
        assertThat(images.next().entry()).isEqualTo("images/a/2.jpg");
        assertThat(images.hasNext()).isFalse();
    }

    private static <T> CompletableFuture<T> inBackground(java.util.concurrent.Callable<T> read) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /** A request body as Vert.x hands it over: data, end and failure come through the handlers set by the reader. */
    private static final class Request implements ReadStream<Buffer> {

        private Handler<Buffer> data;
        private Handler<Void> end;
        private Handler<Throwable> failure;
        private volatile boolean paused = true; // platform-http hands the request over paused

        void send(Buffer buffer) {
            data.handle(buffer);
        }

        void end() {
            end.handle(null);
        }

        void fail(Throwable cause) {
            failure.handle(cause);
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            failure = handler;
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            data = handler;
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            paused = true;
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            paused = false;
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            paused = false;
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> handler) {
            end = handler;
            return this;
        }
    }
}
