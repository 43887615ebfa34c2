package io.edgeloop.modelserver.config;

import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.VersionWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;

/**
 * Applies a new {@code ModelServerConfig} to the served model, as TF Serving's {@code ServerCore::ReloadConfig} does
 * for a model it already serves: the new version policy and labels take over, and the call returns once the versions
 * the policy wants are loaded and the others retired. Used by the model config file poll and by gRPC
 * {@code ModelService.HandleReloadConfigRequest}.
 */
public final class ModelConfigReloader {

    private static final Logger LOG = LoggerFactory.getLogger(ModelConfigReloader.class);

    private final ServedModelConfig served;
    private final VersionWatcher watcher;
    private final ModelVersions versions;

    public ModelConfigReloader(ServedModelConfig served, VersionWatcher watcher, ModelVersions versions) {
        this.served = served;
        this.watcher = watcher;
        this.versions = versions;
    }

    /** @throws IllegalArgumentException for a config that names another model or base path, or none this server serves */
    public synchronized void reload(ModelServerConfig config) {
        ServedModelConfig next = ServedModelConfig.of(config);
        if (!next.sameModelAs(served)) {
            throw new IllegalArgumentException("This model server serves model " + served.name() + " from "
                    + served.basePath() + "; a config for " + next.name() + " from " + next.basePath()
                    + " needs a restart");
        }
        LOG.info("Model config reloaded: {} serves by policy {} with labels {}", next.name(), next.policy(),
                next.labels());
        // Labels first: a label may name a version the new policy loads only now, as TF Serving allows
        // (allow_version_labels_for_unavailable_models aside, it checks labels against loaded versions).
        versions.relabel(next.labels());
        watcher.changePolicy(next.policy());
    }
}
