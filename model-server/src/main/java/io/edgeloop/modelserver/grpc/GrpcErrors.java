package io.edgeloop.modelserver.grpc;

import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.TensorFlowErrors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Failures as TF Serving's gRPC server reports them ({@code ToGRPCStatus}): the canonical code unchanged, the message
 * cut after 1024 characters with {@code ...TRUNCATED}.
 */
final class GrpcErrors {

    static final int MESSAGE_LIMIT = 1024;

    private GrpcErrors() {
    }

    static StatusRuntimeException invalidArgument(String message) {
        return of(Status.Code.INVALID_ARGUMENT, message);
    }

    static StatusRuntimeException of(Status.Code code, String message) {
        String text = message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) + "...TRUNCATED" : message;
        return Status.fromCode(code).withDescription(text).asRuntimeException();
    }

    /** The status of a failure from the shared core ({@link ApiError}) or from TensorFlow itself. */
    static StatusRuntimeException of(RuntimeException e) {
        if (e instanceof StatusRuntimeException status) {
            return status;
        } else if (e instanceof ApiError error) {
            return of(Status.Code.valueOf(error.code()), error.getMessage());
        } else if (TensorFlowErrors.thrownByTensorFlow(e)) {
            return of(Status.Code.valueOf(TensorFlowErrors.code(e)), e.getMessage());
        }
        return of(Status.Code.INTERNAL, e.toString());
    }
}
