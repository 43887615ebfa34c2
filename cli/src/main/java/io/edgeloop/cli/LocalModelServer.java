package io.edgeloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.edgeloop.local.LocalPlatform;
import io.edgeloop.modelserver.ModelServer;
import io.edgeloop.modelserver.ServerSettings;
import io.edgeloop.modelserver.config.ModelConfigFile;
import io.edgeloop.modelserver.config.ServedModelConfig;

/**
 * An edge's model server on the local platform: TF Serving's REST and gRPC APIs over the manager's model repository,
 * served by the model config file {@code <repository>/models.config} that the manager rewrites when the shop owner
 * pins a version, polled every second as the cluster's TF Serving polls it.
 */
final class LocalModelServer {

    private static final String CONFIG_FILE = "models.config";

    private LocalModelServer() {
    }

    static ModelServer start(LocalPlatform platform, String edgeId) throws IOException {
        String model = platform.config().get("model.name");
        Path repository = platform.modelRepository(edgeId);
        // The manager creates it with the first version; the server watches it from the start.
        Path basePath = Files.createDirectories(repository.resolve(model));
        ModelConfigFile configFile = new ModelConfigFile(configFile(repository, model, basePath), Duration.ofSeconds(1));
        return ModelServer.start(ServerSettings.of(ServedModelConfig.of(configFile.read()))
                .withRestPort(platform.config().edgePort("model-server.port", edgeId))
                .withGrpcPort(platform.config().edgePort("model-server.grpc-port", edgeId)), configFile);
    }

    /** The repository's model config file; until the first pin, one that serves the latest version. */
    private static Path configFile(Path repository, String model, Path basePath) throws IOException {
        Path file = repository.resolve(CONFIG_FILE);
        if (!Files.exists(file)) {
            Path next = Files.writeString(repository.resolve(".models.config.incoming"),
                    ModelConfigFile.latestVersionOf(model, basePath));
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return file;
    }
}
