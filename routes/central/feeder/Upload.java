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
 * The request body of an upload, read off the connection as the route consumes it, with back-pressure: at most
 * {@link #HIGH_WATER} bytes are queued, then the connection is paused until the route has read them down to
 * {@link #LOW_WATER}, so the client uploads at the pace the images reach S3 and any upload needs the same small heap.
 * <p>
 * {@code platform-http ... useStreaming=true} is no stream on the request side in Camel 4.17: it copies the whole
 * body into a stream cache and starts the route once the upload is complete. With {@code useBodyHandler=false} the
 * route starts at once with the paused Vert.x request as its body; this reads it. What the route did not read (a
 * refused upload) is drained when the exchange completes, so the client can finish sending and read the reply.
 * Not itself an InputStream: Camel's stream caching would read a stream held in a variable into memory.
 */
public final class Upload {

    static final long HIGH_WATER = 4L * 1024 * 1024;
    static final long LOW_WATER = 1024L * 1024;

    private final ReadStream<Buffer> request;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private final InputStream stream = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            return Upload.this.read(target, offset, length);
        }

        @Override
        public void close() {
            Upload.this.close();
        }
    };
    private boolean reading; // only the route's thread reads
    private boolean paused;
    private boolean ended;
    private boolean closed;
    private long queued;
    private Throwable failure;
    private Buffer current;
    private int position;

    /** Starts reading the request: its bytes queue up until {@link #getStream()} is read. */
    Upload(ReadStream<Buffer> request) {
        this.request = request;
        request.handler(this::onData);
        request.endHandler(v -> onEnd(null));
        request.exceptionHandler(this::onEnd);
        request.resume();
    }

    /** For the route: the body of {@code platform-http:...?useBodyHandler=false}, drained when the exchange is done. */
    @SuppressWarnings("unchecked")
    public static Upload of(Exchange exchange) {
        if (!(exchange.getMessage().getBody() instanceof ReadStream<?> request)) {
            throw new IllegalStateException("expected the request of platform-http with useBodyHandler=false");
        }
        Upload upload = new Upload((ReadStream<Buffer>) request);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                upload.close();
            }
        });
        return upload;
    }

    /** The body as it arrives; read it once. */
    public InputStream getStream() {
        return stream;
    }

    // Vert.x calls in outside this object's monitor: the connection has a lock of its own.
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
        continueIfExpected();
        int count;
        synchronized (this) {
            while (current == null || position == current.length()) {
                current = queue.poll();
                position = 0;
                if (current != null) {
                    queued -= current.length();
                } else if (failure != null) {
                    throw new IOException("the upload broke off: " + failure.getMessage(), failure);
                } else if (ended || closed) {
                    return -1;
                } else {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for the upload");
                    }
                }
            }
            count = Math.min(length, current.length() - position);
            current.getBytes(position, position + count, target, offset);
            position += count;
            if (!paused || queued > LOW_WATER) {
                return count;
            }
            paused = false;
        }
        request.resume();
        return count;
    }

    /**
     * Answers {@code Expect: 100-continue} (curl sends it for bodies over 1 MB) once the route starts reading, i.e.
     * after the checks that may refuse the upload; Vert.x does not, and curl would wait a second before sending.
     */
    private void continueIfExpected() {
        if (!reading && request instanceof HttpServerRequest http && "100-continue".equalsIgnoreCase(http.getHeader("Expect"))) {
            http.response().writeContinue();
        }
        reading = true;
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
}
