package io.edgeloop.modelserver.inference;

import org.tensorflow.exceptions.TFFailedPreconditionException;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.exceptions.TFPermissionDeniedException;
import org.tensorflow.exceptions.TFResourceExhaustedException;
import org.tensorflow.exceptions.TFUnauthenticatedException;
import org.tensorflow.exceptions.TFUnimplementedException;
import org.tensorflow.exceptions.TensorFlowException;

/** The canonical code of a TensorFlow failure, which TF Serving passes on unchanged (e.g. as the gRPC status). */
public final class TensorFlowErrors {

    private TensorFlowErrors() {
    }

    /**
     * Whether TensorFlow threw it: two of its exceptions extend the JDK's (IllegalArgumentException,
     * UnsupportedOperationException), not TensorFlowException.
     */
    public static boolean thrownByTensorFlow(Throwable e) {
        return e instanceof TensorFlowException || e instanceof TFInvalidArgumentException
                || e instanceof TFUnimplementedException;
    }

    /** TensorFlow Java throws a class per status code for some codes only; the rest are UNKNOWN to us. */
    public static String code(Throwable e) {
        if (e instanceof TFInvalidArgumentException) {
            return "INVALID_ARGUMENT";
        } else if (e instanceof TFFailedPreconditionException) {
            return "FAILED_PRECONDITION";
        } else if (e instanceof TFOutOfRangeException) {
            return "OUT_OF_RANGE";
        } else if (e instanceof TFUnimplementedException) {
            return "UNIMPLEMENTED";
        } else if (e instanceof TFResourceExhaustedException) {
            return "RESOURCE_EXHAUSTED";
        } else if (e instanceof TFPermissionDeniedException) {
            return "PERMISSION_DENIED";
        } else if (e instanceof TFUnauthenticatedException) {
            return "UNAUTHENTICATED";
        }
        return "UNKNOWN";
    }
}
