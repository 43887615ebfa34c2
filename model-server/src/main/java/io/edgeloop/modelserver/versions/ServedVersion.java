package io.edgeloop.modelserver.versions;

import io.edgeloop.modelserver.inference.ModelSignature;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.SignatureDef;

/**
 * One loaded version, counting the requests running on it: once retired it takes no new request and its
 * SavedModelBundle is closed when the last running one has finished, so a swap fails no request.
 */
public final class ServedVersion {

    private final long version;
    private final SavedModelBundle bundle;
    private final Map<String, ModelSignature> signatures;
    private final Map<String, SignatureDef> signatureDefs;
    private final Runnable onClosed;
    private final Object lock = new Object();
    private int inFlight;
    private boolean retired;
    private boolean closed;

    /** @param onClosed runs once the bundle is closed (after retirement and the last request) */
    ServedVersion(long version, SavedModelBundle bundle, Runnable onClosed) {
        this.version = version;
        this.bundle = bundle;
        this.signatures = ModelSignature.of(bundle);
        this.signatureDefs = bundle.metaGraphDef().getSignatureDefMap();
        this.onClosed = onClosed;
    }

    public long version() {
        return version;
    }

    public Map<String, ModelSignature> signatures() {
        return signatures;
    }

    public Optional<ModelSignature> signature(String key) {
        return Optional.ofNullable(signatures.get(key));
    }

    /**
     * The SignatureDefs as the SavedModel has them (graph tensor names, unknown ranks, defaults), for what must act on
     * the protos themselves: TF Serving's classify, regress and gRPC API.
     */
    public Map<String, SignatureDef> signatureDefs() {
        return signatureDefs;
    }

    /**
     * Runs the graph as TF Serving's Session::Run: feeds by graph tensor name ({@code x:0}), fetches tensor names, the
     * results in fetch order; only while leased.
     */
    public Result run(Map<String, Tensor> feeds, List<String> fetches) {
        Session.Runner runner = bundle.session().runner();
        feeds.forEach(runner::feed);
        fetches.forEach(runner::fetch);
        return runner.run();
    }

    /** Runs a signature; only while leased (TensorFlow's session is thread-safe). */
    public Result call(String signatureKey, Map<String, Tensor> inputs) {
        return bundle.function(signatureKey).call(inputs);
    }

    /** A lease that keeps this version open until closed; empty once the version is retired. */
    Optional<Lease> tryAcquire() {
        synchronized (lock) {
            if (retired) {
                return Optional.empty();
            }
            inFlight++;
            return Optional.of(new Lease());
        }
    }

    /** Takes no new request; closes now if none runs, else when the last one finishes. */
    void retire() {
        synchronized (lock) {
            retired = true;
            closeIfIdle();
        }
    }

    /** Requests running on this version now. */
    int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    private void release() {
        synchronized (lock) {
            inFlight--;
            closeIfIdle();
        }
    }

    private void closeIfIdle() {
        if (retired && inFlight == 0 && !closed) {
            closed = true;
            try {
                bundle.close();
            } finally {
                onClosed.run();
            }
        }
    }

    /** The right to use the version until {@link #close()}. */
    public final class Lease implements AutoCloseable {

        private boolean released;

        public ServedVersion version() {
            return ServedVersion.this;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release();
            }
        }
    }
}
