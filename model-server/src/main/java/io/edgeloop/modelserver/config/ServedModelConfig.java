package io.edgeloop.modelserver.config;

import io.edgeloop.modelserver.versions.VersionLabels;
import io.edgeloop.modelserver.versions.VersionPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tensorflow.serving.FileSystemStoragePathSource.FileSystemStoragePathSourceConfig.ServableVersionPolicy;
import tensorflow.serving.ModelServerConfigOuterClass.ModelConfig;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;

/**
 * The one model a TF Serving {@code ModelServerConfig} names, as this server serves it: its name, base path, version
 * policy ({@code model_version_policy}) and labels ({@code version_labels}). This server serves one model, so a
 * config with another number of models, or of another platform than TensorFlow, is refused.
 */
public record ServedModelConfig(String name, Path basePath, VersionPolicy policy, VersionLabels labels) {

    /** @throws IllegalArgumentException for a config this server cannot serve, saying why */
    public static ServedModelConfig of(ModelServerConfig config) {
        if (config.getConfigCase() != ModelServerConfig.ConfigCase.MODEL_CONFIG_LIST) {
            // TF Serving's words (model_service_impl.cc) for a custom_model_config.
            throw new IllegalArgumentException("ServerModelConfig type not supported by HandleReloadConfigRequest. "
                    + "Only ModelConfigList is currently supported");
        }
        if (config.getModelConfigList().getConfigCount() != 1) {
            throw new IllegalArgumentException("This model server serves one model: the model_config_list names "
                    + config.getModelConfigList().getConfigCount());
        }
        ModelConfig model = config.getModelConfigList().getConfig(0);
        if (!model.getModelPlatform().isEmpty() && !model.getModelPlatform().equals("tensorflow")) {
            throw new IllegalArgumentException("Model " + model.getName() + ": platform '" + model.getModelPlatform()
                    + "' is not served, only tensorflow");
        }
        if (model.getBasePath().isEmpty()) {
            throw new IllegalArgumentException("Model " + model.getName() + " has no base_path");
        }
        Map<String, Long> labels = new TreeMap<>(model.getVersionLabelsMap());
        return new ServedModelConfig(model.getName(), Path.of(model.getBasePath()), policyOf(model.getModelVersionPolicy()),
                new VersionLabels(labels));
    }

    /** TF Serving's default, latest {num_versions: 1}, when the config sets no policy. */
    private static VersionPolicy policyOf(ServableVersionPolicy policy) {
        return switch (policy.getPolicyChoiceCase()) {
            case LATEST -> VersionPolicy.latest(Math.max(1, policy.getLatest().getNumVersions()));
            case ALL -> new VersionPolicy.All();
            case SPECIFIC -> new VersionPolicy.Specific(new TreeSet<>(policy.getSpecific().getVersionsList()));
            case POLICYCHOICE_NOT_SET -> VersionPolicy.latest(1);
        };
    }

    /** Whether the other config serves the same model from the same place (only its policy and labels may differ). */
    boolean sameModelAs(ServedModelConfig other) {
        return name.equals(other.name) && basePath.toAbsolutePath().normalize()
                .equals(other.basePath.toAbsolutePath().normalize());
    }
}
