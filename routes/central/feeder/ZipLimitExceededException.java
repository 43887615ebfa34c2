package io.edgeloop.feeder;

/** A ZIP over one of the feeder's limits (entry size, entry count, inflated total): answered 413, not 400. */
public class ZipLimitExceededException extends IllegalArgumentException {

    public ZipLimitExceededException(String message) {
        super(message);
    }
}
