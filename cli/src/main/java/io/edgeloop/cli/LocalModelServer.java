package io.edgeloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.edgeloop.local.LocalPlatform;
import io.edgeloop.modelserver.ModelServer;
import io.edgeloop.modelserver.ServerSettings;

/** The edge model server of the local platform: TF Serving's REST API over the manager's model repository. */
final class LocalModelServer {

    private LocalModelServer() {
    }

    static ModelServer start(LocalPlatform platform) throws IOException {
        String model = platform.config().get("model.name");
        // The manager creates it with the first version; the server watches it from the start.
        Path basePath = Files.createDirectories(platform.modelRepository().resolve(model));
        return ModelServer.start(ServerSettings.defaults(model, basePath)
                .withRestPort(platform.config().port("model-server.port")));
    }
}
