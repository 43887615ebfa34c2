package io.edgeloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.edgeloop.local.LocalPlatform;
import io.edgeloop.modelserver.ModelServer;
import io.edgeloop.modelserver.ServerSettings;

/** An edge's model server on the local platform: TF Serving's REST and gRPC APIs over the manager's model repository. */
final class LocalModelServer {

    private LocalModelServer() {
    }

    static ModelServer start(LocalPlatform platform, String edgeId) throws IOException {
        String model = platform.config().get("model.name");
        // The manager creates it with the first version; the server watches it from the start.
        Path basePath = Files.createDirectories(platform.modelRepository(edgeId).resolve(model));
        return ModelServer.start(ServerSettings.defaults(model, basePath)
                .withRestPort(platform.config().edgePort("model-server.port", edgeId))
                .withGrpcPort(platform.config().edgePort("model-server.grpc-port", edgeId)));
    }
}
