package io.edgeloop.feeder;

/** An upload refused as a whole (unsafe entry name, limit exceeded, not a ZIP): nothing is triggered. */
public class UploadRejectedException extends RuntimeException {

    private final int status;

    public UploadRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * The rejection behind an exception that the splitter may have wrapped, or null when the failure was
     * not the upload's fault (e.g. storage down).
     */
    public static UploadRejectedException findIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UploadRejectedException rejected) {
                return rejected;
            }
        }
        return null;
    }

    /** The HTTP status to answer with: 400 for a bad archive, 413 for a limit. */
    public int getStatus() {
        return status;
    }
}
