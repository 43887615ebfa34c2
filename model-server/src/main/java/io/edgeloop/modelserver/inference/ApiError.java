package io.edgeloop.modelserver.inference;

import java.util.Map;


/**
 * A request that cannot be answered, with its HTTP status and the canonical error code TF Serving would give it;
 * answered as {@code {"error": "<message>"}}.
 */
public final class ApiError extends RuntimeException {

    private static final Map<String, Integer> HTTP_STATUS_OF_CODE = Map.of("INVALID_ARGUMENT", 400,
            "FAILED_PRECONDITION", 400, "OUT_OF_RANGE", 400, "RESOURCE_EXHAUSTED", 429, "UNIMPLEMENTED", 501,
            "PERMISSION_DENIED", 403, "UNAUTHENTICATED", 401);

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
     * What TensorFlow refused while running a model, with its status code, which TF Serving passes on unchanged, and
     * the HTTP status TF Serving's REST API gives that code.
     */
    public static ApiError fromTensorFlow(RuntimeException e) {
        String code = TensorFlowErrors.code(e);
        return new ApiError(HTTP_STATUS_OF_CODE.getOrDefault(code, 500), code, e.getMessage());
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
