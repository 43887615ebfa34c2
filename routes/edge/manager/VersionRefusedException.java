package io.edgeloop.manager;

/** A version that must not be served: its manifest is invalid, a file is missing or its checksum differs. */
public final class VersionRefusedException extends RuntimeException {

    public VersionRefusedException(String message) {
        super(message);
    }
}
