package io.edgeloop.modelserver.versions;

import io.edgeloop.modelserver.inference.TensorFlowErrors;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;

/** Loads a version folder as TF Serving does (SavedModel, tag {@code serve}) and warms it up, ready for traffic. */
public final class VersionLoader {

    private static final Logger LOG = LoggerFactory.getLogger(VersionLoader.class);

    /** Why a version could not be loaded, with the canonical error code its status reports. */
    static final class LoadFailure extends Exception {

        private final String code;

        LoadFailure(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private final Warmup warmup;

    public VersionLoader(Warmup warmup) {
        this.warmup = warmup;
    }

    /** @param onClosed runs once the version, retired, is closed */
    ServedVersion load(VersionDirectory directory, Runnable onClosed) throws LoadFailure {
        long started = System.nanoTime();
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.loader(directory.path().toString()).withTags("serve").load();
        } catch (RuntimeException | LinkageError e) {
            throw new LoadFailure(TensorFlowErrors.code(e), message(e), e);
        }
        ServedVersion version;
        try {
            version = new ServedVersion(directory.version(), bundle, onClosed);
        } catch (RuntimeException e) {
            bundle.close();
            throw new LoadFailure("INTERNAL", "Cannot read the signatures: " + message(e), e);
        }
        long loaded = System.nanoTime();
        List<String> warmed = warmup.run(version);
        LOG.info("Loaded version {} from {} in {} ms, warm-up {} in {} ms", directory.version(), directory.path(),
                (loaded - started) / 1_000_000, warmed.isEmpty() ? "skipped" : "of " + warmed,
                (System.nanoTime() - loaded) / 1_000_000);
        return version;
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
