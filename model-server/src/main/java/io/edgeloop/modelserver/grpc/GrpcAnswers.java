package io.edgeloop.modelserver.grpc;

import io.edgeloop.modelserver.metrics.ServerMetrics;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one unary call: the response, or the failure as TF Serving's gRPC status; counted in the server's
 * metrics beside the REST requests, with entrypoint {@code GRPC} as TF Serving counts them.
 */
final class GrpcAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcAnswers.class);

    private final ModelVersions versions;
    private final ServerMetrics metrics;

    GrpcAnswers(ModelVersions versions, ServerMetrics metrics) {
        this.versions = versions;
        this.metrics = metrics;
    }

    /** @param model the model the request names, for the metrics (an unknown one counts as {@code unknown}) */
    <T> void answer(String api, String model, StreamObserver<T> observer, Supplier<T> call) {
        long started = System.nanoTime();
        T response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            StatusRuntimeException status = GrpcErrors.of(e);
            if (status.getStatus().getCode() == Status.Code.INTERNAL) {
                LOG.error("{} failed", api, e);
            }
            count(api, model, status.getStatus().getCode().name(), started);
            observer.onError(status);
            return;
        }
        count(api, model, "OK", started);
        observer.onNext(response);
        observer.onCompleted();
    }

    private void count(String api, String model, String status, long started) {
        metrics.request(versions.name().equals(model) ? model : "unknown", api, "GRPC", status,
                (System.nanoTime() - started) / 1000);
    }
}
