package io.edgeloop.trainer.model;

/**
 * A base model that cannot be used: it does not load, offers no usable signature, or fails on an image that
 * decodes. Not the data's fault, so the trainer stops with exit code 1 and this message.
 */
public final class BaseModelException extends RuntimeException {

    public BaseModelException(String message) {
        super(message);
    }

    public BaseModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
