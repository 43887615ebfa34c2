package io.edgeloop.local.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs training at most once per edge at a time. A request while the edge's run is going queues exactly
 * one more run (the data it brought must be trained on); further requests join that queued run.
 */
public final class TrainingScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingScheduler.class);

    /** What a request led to. */
    public enum Outcome { STARTED, QUEUED, ALREADY_QUEUED }

    private enum State { RUNNING, RUNNING_AND_QUEUED }

    private final Consumer<TrainingRequest> run;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "training-run");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, State> states = new LinkedHashMap<>();
    private final Map<String, TrainingRequest> queued = new LinkedHashMap<>();

    /** @param run runs one training to its end (blocking) */
    public TrainingScheduler(Consumer<TrainingRequest> run) {
        this.run = run;
    }

    public synchronized Outcome submit(TrainingRequest request) {
        State state = states.get(request.edgeId());
        if (state == null) {
            states.put(request.edgeId(), State.RUNNING);
            executor.execute(() -> runUntilNothingQueued(request));
            return Outcome.STARTED;
        }
        queued.put(request.edgeId(), request);
        if (state == State.RUNNING_AND_QUEUED) {
            return Outcome.ALREADY_QUEUED;
        }
        states.put(request.edgeId(), State.RUNNING_AND_QUEUED);
        return Outcome.QUEUED;
    }

    private void runUntilNothingQueued(TrainingRequest first) {
        TrainingRequest request = first;
        while (request != null) {
            try {
                run.accept(request);
            } catch (RuntimeException e) {
                LOG.error("Training of edge {} failed: {}", request.edgeId(), e.getMessage());
            }
            request = next(request.edgeId());
        }
    }

    private synchronized TrainingRequest next(String edgeId) {
        if (states.get(edgeId) == State.RUNNING_AND_QUEUED) {
            states.put(edgeId, State.RUNNING);
            return queued.remove(edgeId);
        }
        states.remove(edgeId);
        return null;
    }

    /** Edges with a run going, and whether another is queued. */
    public synchronized Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        states.forEach((edge, state) -> status.put(edge, state == State.RUNNING ? "running" : "running, one queued"));
        return status;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
