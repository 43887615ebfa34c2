package io.edgeloop.modelserver.grpc;

import io.edgeloop.modelserver.ModelServer;
import io.edgeloop.modelserver.ServerSettings;
import io.edgeloop.modelserver.testing.HalfPlusTwo;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC contract tests share one server per test class, as {@code tensorflow_model_server_test.py} runs it:
 * {@code saved_model_half_plus_two_cpu} served as {@code default} (version 123), called through
 * {@code camel-tensorflow-serving} and, where Camel has no API for a request, the generated stubs on a channel that
 * takes messages as large as the server does.
 */
abstract class HalfPlusTwoOverGrpc {

    static final String MODEL = "default";
    static final Map<String, Object> NO_HEADERS = Map.of();

    @TempDir
    static Path base;

    static ModelServer server;
    static CamelTfServingClient camel;
    static ManagedChannel channel;

    @BeforeAll
    static void serve() throws Exception {
        server = ModelServer.start(ServerSettings.defaults(MODEL, HalfPlusTwo.oneVersion(base)).withRestPort(0));
        camel = new CamelTfServingClient(server.grpcPort(), MODEL);
        channel = Grpc.newChannelBuilder("localhost:" + server.grpcPort(), InsecureChannelCredentials.create())
                .maxInboundMessageSize(Integer.MAX_VALUE).build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        camel.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }
}
