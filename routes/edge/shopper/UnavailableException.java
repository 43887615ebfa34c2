package io.edgeloop.shopper;

/** The model server or the price engine cannot answer: 503 with the message, the photo kept for labelling. */
public final class UnavailableException extends RuntimeException {

    public UnavailableException(String message) {
        super(message);
    }
}
