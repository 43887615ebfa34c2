package io.edgeloop.modelserver.versions;

/**
 * Where one version is in its life, as TF Serving's ModelVersionStatus reports it.
 *
 * @param errorCode    {@code OK}, or the canonical code of why it failed to load (e.g. {@code UNKNOWN})
 * @param errorMessage empty, or why it failed to load
 */
public record VersionStatus(long version, State state, String errorCode, String errorMessage) {

    /** TF Serving's ModelVersionStatus.State. */
    public enum State { START, LOADING, AVAILABLE, UNLOADING, END }

    static VersionStatus ok(long version, State state) {
        return new VersionStatus(version, state, "OK", "");
    }

    static VersionStatus failed(long version, String errorCode, String errorMessage) {
        return new VersionStatus(version, State.END, errorCode, errorMessage);
    }
}
