package io.edgeloop.modelserver.inference;

import org.tensorflow.exceptions.TFFailedPreconditionException;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.exceptions.TFPermissionDeniedException;
import org.tensorflow.exceptions.TFResourceExhaustedException;
import org.tensorflow.exceptions.TFUnauthenticatedException;
import org.tensorflow.exceptions.TFUnimplementedException;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * A request that cannot be answered, with its HTTP status and the canonical error code TF Serving would give it;
 * answered as {@code {"error": "<message>"}}.
 */
public final class ApiError extends RuntimeException {

    private final int httpStatus;
    private final String code;
    private final String allow;

    public ApiError(int httpStatus, String code, String message) {
        this(httpStatus, code, message, null);
    }

    private ApiError(int httpStatus, String code, String message, String allow) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.allow = allow;
    }

    /** 405 with an {@code Allow} header; the message is TF Serving's (which answers 400 here). */
    public static ApiError methodNotAllowed(String message, String allow) {
        return new ApiError(405, "INVALID_ARGUMENT", message, allow);
    }

    public static ApiError invalidArgument(String message) {
        return new ApiError(400, "INVALID_ARGUMENT", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "NOT_FOUND", message);
    }

    public static ApiError unimplemented(String message) {
        return new ApiError(501, "UNIMPLEMENTED", message);
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, "UNAVAILABLE", message);
    }

    public static ApiError internal(String message) {
        return new ApiError(500, "INTERNAL", message);
    }

    /**
     * What TensorFlow refused while running a model, with its status code, which TF Serving passes on unchanged
     * (TF Java names only these codes; any other becomes UNKNOWN).
     *
     * @param e a {@link TensorFlowException}, {@link TFInvalidArgumentException} or {@link TFUnimplementedException}
     *          (the last two are not TensorFlowExceptions)
     */
    public static ApiError fromTensorFlow(RuntimeException e) {
        if (e instanceof TFInvalidArgumentException) {
            return invalidArgument(e.getMessage());
        }
        if (e instanceof TFFailedPreconditionException) {
            return new ApiError(400, "FAILED_PRECONDITION", e.getMessage());
        }
        if (e instanceof TFOutOfRangeException) {
            return new ApiError(400, "OUT_OF_RANGE", e.getMessage());
        }
        if (e instanceof TFResourceExhaustedException) {
            return new ApiError(429, "RESOURCE_EXHAUSTED", e.getMessage());
        }
        if (e instanceof TFUnimplementedException) {
            return unimplemented(e.getMessage());
        }
        if (e instanceof TFPermissionDeniedException) {
            return new ApiError(403, "PERMISSION_DENIED", e.getMessage());
        }
        if (e instanceof TFUnauthenticatedException) {
            return new ApiError(401, "UNAUTHENTICATED", e.getMessage());
        }
        return new ApiError(500, "UNKNOWN", e.getMessage());
    }

    /** The methods the path takes, for a 405; else null. */
    public String allow() {
        return allow;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The gRPC canonical code name, e.g. {@code INVALID_ARGUMENT}: the status label of the request metrics. */
    public String code() {
        return code;
    }
}
