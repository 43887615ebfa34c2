package io.edgeloop.shopper;

/** Input the shopper cannot use: answered 400 with the message, nothing stored. */
public final class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
