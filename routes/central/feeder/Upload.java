package io.edgeloop.feeder;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The request body of an upload, read straight off the connection as the route consumes it, with backpressure: at
 * most a few MB are queued, then the connection is paused until the route has read them, so the client uploads at
 * the pace the images reach S3 and an upload of any size needs the same small heap.
 * <p>
 * {@code platform-http ... useStreaming=true} is no stream on the request side in Camel 4.17: it copies the whole
 * body into a stream cache (in memory unless spooling is on) and starts the route only once the upload is complete.
 * With {@code useBodyHandler=false} the route starts at once with the paused Vert.x request as its body; this turns
 * it into a stream. Whatever the route did not read (a refused upload) is drained when the exchange completes, so
 * the client can finish sending and read the reply.
 * <p>
 * Not itself an InputStream: Camel's stream caching would read a stream held in the body or a variable into
 * memory; the route passes {@link #getStream()} straight to the reader instead.
 */
public final class Upload {

    /** Bytes queued before the connection is paused, and the level at which it resumes. */
    private static final long HIGH_WATER = 4L * 1024 * 1024;
    private static final long LOW_WATER = 1024L * 1024;

    private final ReadStream<Buffer> request;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private volatile boolean reading;
    private long queued;
    private boolean paused;
    private boolean ended;
    private boolean closed;
    private Throwable failure;
    private Buffer current;
    private int position;
    private final InputStream stream = new Stream();

    private Upload(ReadStream<Buffer> request) {
        this.request = request;
    }

    /**
     * Entry point for the route: the body of {@code platform-http:...?useBodyHandler=false} (the paused Vert.x
     * request), read from now on.
     */
    @SuppressWarnings("unchecked")
    public static Upload of(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof ReadStream<?>)) {
            throw new IllegalArgumentException("expected the request of platform-http with useBodyHandler=false, got "
                    + (body == null ? "no body" : body.getClass().getName()));
        }
        Upload upload = new Upload((ReadStream<Buffer>) body);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                upload.close();
            }
        });
        upload.start();
        return upload;
    }

    /** The body as it arrives; read it once. */
    public InputStream getStream() {
        return stream;
    }

    private void start() {
        request.handler(this::onData);
        request.endHandler(v -> onEnd(null));
        request.exceptionHandler(this::onEnd);
        request.resume();
    }

    // Vert.x is called outside this object's monitor: the connection has a lock of its own.
    private void onData(Buffer data) {
        synchronized (this) {
            if (closed) {
                return; // draining: the route is done with the upload
            }
            queue.add(data);
            queued += data.length();
            notifyAll();
            if (queued < HIGH_WATER || paused) {
                return;
            }
            paused = true;
        }
        request.pause();
    }

    private synchronized void onEnd(Throwable error) {
        ended = true;
        failure = error;
        notifyAll();
    }

    private int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!reading) {
            reading = true;
            continueIfExpected();
        }
        int count;
        boolean resume;
        synchronized (this) {
            Buffer buffer = nextBuffer();
            if (buffer == null) {
                return -1;
            }
            count = Math.min(length, buffer.length() - position);
            buffer.getBytes(position, position + count, target, offset);
            position += count;
            resume = paused && queued <= LOW_WATER;
            if (resume) {
                paused = false;
            }
        }
        if (resume) {
            request.resume();
        }
        return count;
    }

    /**
     * Answers {@code Expect: 100-continue} (curl sends it for bodies over 1 MB) once the route starts reading, i.e.
     * after the checks that may refuse the upload; Vert.x does not, and curl would wait a second before sending.
     */
    private void continueIfExpected() {
        if (request instanceof HttpServerRequest http && "100-continue".equalsIgnoreCase(http.getHeader("Expect"))) {
            http.response().writeContinue();
        }
    }

    /** The buffer with unread bytes, waiting for the client as needed; null at the end of the upload. */
    private Buffer nextBuffer() throws IOException {
        while (current == null || position == current.length()) {
            current = queue.poll();
            position = 0;
            if (current != null) {
                queued -= current.length();
                continue;
            }
            if (failure != null) {
                throw new IOException("the upload broke off: " + failure.getMessage(), failure);
            }
            if (ended || closed) {
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the upload");
            }
        }
        return current;
    }

    private synchronized int available() {
        return (int) Math.min(Integer.MAX_VALUE, queued + (current == null ? 0 : current.length() - position));
    }

    /** Stops queueing: the rest of the upload, if any, is read and dropped so the client can take the reply. */
    private void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queued = 0;
            current = null;
            paused = false;
            notifyAll();
            if (ended) {
                return;
            }
        }
        request.resume();
    }

    private final class Stream extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return Upload.this.read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            return Upload.this.read(target, offset, length);
        }

        @Override
        public int available() {
            return Upload.this.available();
        }

        @Override
        public void close() {
            Upload.this.close();
        }
    }
}
