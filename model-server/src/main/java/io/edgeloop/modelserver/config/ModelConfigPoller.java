package io.edgeloop.modelserver.config;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;

/**
 * Reads the model config file again at each poll and reloads what changed in it, as TF Serving's
 * {@code PollFilesystemAndReloadConfig}: a file that cannot be read or parsed, or a config that cannot be served, is
 * logged and the running config kept. Only a change is applied, so a config reloaded over gRPC lasts until the file
 * changes.
 */
public final class ModelConfigPoller implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelConfigPoller.class);

    private final ModelConfigFile file;
    private final ModelConfigReloader reloader;
    private ModelServerConfig lastRead;

    /** @param readAtStart the config the server started with, from the same file */
    public ModelConfigPoller(ModelConfigFile file, ModelConfigReloader reloader, ModelServerConfig readAtStart) {
        this.file = file;
        this.reloader = reloader;
        this.lastRead = readAtStart;
    }

    @Override
    public synchronized void run() {
        ModelServerConfig config;
        try {
            config = file.read();
        } catch (IOException e) {
            LOG.error("Cannot read the model config file {}, keeping the running config: {}", file.path(),
                    e.getMessage());
            return;
        }
        if (config.equals(lastRead)) {
            return;
        }
        lastRead = config;
        try {
            reloader.reload(config);
        } catch (IllegalArgumentException e) {
            LOG.error("The model config file {} asks for what this server cannot serve, keeping the running config: {}",
                    file.path(), e.getMessage());
        }
    }
}
