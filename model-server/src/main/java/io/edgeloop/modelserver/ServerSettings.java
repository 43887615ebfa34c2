package io.edgeloop.modelserver;

import io.edgeloop.modelserver.config.ServedModelConfig;
import io.edgeloop.modelserver.versions.VersionLabels;
import io.edgeloop.modelserver.versions.VersionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a model server runs: the model it serves and from where, its REST and gRPC ports and REST threads, how often it
 * looks for new versions and which it keeps.
 *
 * @param modelName     the name clients use in {@code /v1/models/<name>}
 * @param modelBasePath the folder holding one numbered folder per version, {@code <base>/<version>/saved_model.pb}
 * @param restPort      the HTTP port; 0 picks a free one ({@link ModelServer#port()} tells which)
 * @param grpcPort      the gRPC port (TF Serving's {@code --port}); 0 picks a free one ({@link ModelServer#grpcPort()})
 * @param pollWait      the pause between two looks at the base path; zero looks once, at start
 * @param restThreads   the threads answering HTTP requests
 */
public record ServerSettings(String modelName, Path modelBasePath, int restPort, int grpcPort, Duration pollWait,
        VersionPolicy versionPolicy, VersionLabels versionLabels, int restThreads) {

    public static final int DEFAULT_REST_PORT = 8501;

    public ServerSettings {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelBasePath, "modelBasePath");
        Objects.requireNonNull(pollWait, "pollWait");
        Objects.requireNonNull(versionPolicy, "versionPolicy");
        Objects.requireNonNull(versionLabels, "versionLabels");
        if (modelName.isEmpty() || modelName.contains("/") || modelName.contains(":")) {
            throw new IllegalArgumentException("A model name is not empty and has no '/' or ':', not '" + modelName + "'");
        }
        requirePort(restPort);
        requirePort(grpcPort);
        if (restPort == grpcPort && restPort != 0) {
            throw new IllegalArgumentException("The REST and gRPC ports must differ, both are " + restPort);
        }
        if (pollWait.isNegative()) {
            throw new IllegalArgumentException("The poll wait cannot be negative: " + pollWait);
        }
        if (restThreads < 1) {
            throw new IllegalArgumentException("At least one REST thread, not " + restThreads);
        }
    }

    private static void requirePort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("No such port: " + port);
        }
    }

    /**
     * TF Serving's defaults: REST port 8501, a look every second, the latest version, 4 REST threads per core; gRPC
     * on a free port, so that servers embedded side by side (tests, benchmarks) never collide on 8500: the
     * commands ({@code edgeloop serve}, {@code edgeloop up}) set the gRPC port.
     */
    public static ServerSettings defaults(String modelName, Path modelBasePath) {
        return new ServerSettings(modelName, modelBasePath, DEFAULT_REST_PORT, 0, Duration.ofSeconds(1),
                VersionPolicy.latest(1), VersionLabels.NONE, defaultRestThreads());
    }

    /** The defaults for the one model of a model config file, served by its version policy and labels. */
    public static ServerSettings of(ServedModelConfig served) {
        return defaults(served.name(), served.basePath()).withVersionPolicy(served.policy())
                .withVersionLabels(served.labels());
    }

    /** TF Serving's rest_api_num_threads default: 4 per core. */
    public static int defaultRestThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    public ServerSettings withRestPort(int port) {
        return new ServerSettings(modelName, modelBasePath, port, grpcPort, pollWait, versionPolicy, versionLabels,
                restThreads);
    }

    public ServerSettings withGrpcPort(int port) {
        return new ServerSettings(modelName, modelBasePath, restPort, port, pollWait, versionPolicy, versionLabels,
                restThreads);
    }

    public ServerSettings withPollWait(Duration wait) {
        return new ServerSettings(modelName, modelBasePath, restPort, grpcPort, wait, versionPolicy, versionLabels,
                restThreads);
    }

    public ServerSettings withVersionPolicy(VersionPolicy policy) {
        return new ServerSettings(modelName, modelBasePath, restPort, grpcPort, pollWait, policy, versionLabels,
                restThreads);
    }

    public ServerSettings withVersionLabels(VersionLabels labels) {
        return new ServerSettings(modelName, modelBasePath, restPort, grpcPort, pollWait, versionPolicy, labels,
                restThreads);
    }

    public ServerSettings withRestThreads(int threads) {
        return new ServerSettings(modelName, modelBasePath, restPort, grpcPort, pollWait, versionPolicy, versionLabels,
                threads);
    }
}
