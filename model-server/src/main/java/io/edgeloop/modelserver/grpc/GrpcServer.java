package io.edgeloop.modelserver.grpc;

import io.edgeloop.modelserver.config.ModelConfigReloader;
import io.edgeloop.modelserver.metrics.ServerMetrics;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * TF Serving's gRPC endpoint ({@code --port}, 8500): PredictionService and ModelService over the same versions as the
 * REST API, so {@code tensorflow-serving-api} clients and Camel's {@code tensorflow-serving} component connect.
 */
public final class GrpcServer implements AutoCloseable {

    private final Server server;

    private GrpcServer(Server server) {
        this.server = server;
    }

    /**
     * Answers on the port (0 picks a free one) until closed.
     *
     * @throws IOException when the port cannot be bound
     */
    public static GrpcServer start(int port, ModelVersions versions, ModelConfigReloader reloader,
            ServerMetrics metrics) throws IOException {
        GrpcAnswers answers = new GrpcAnswers(versions, metrics);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(port))
                // TF Serving takes messages up to INT32_MAX bytes (server.cc); grpc-java's default is 4 MiB.
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .addService(new PredictionService(new Predictor(versions), new ExampleInference(versions),
                        new MetadataReader(versions), answers))
                .addService(new ModelService(new StatusReader(versions), reloader, answers))
                .build();
        server.start();
        return new GrpcServer(server);
    }

    /** The port it answers on (the one picked when asked for port 0). */
    public int port() {
        return server.getPort();
    }

    /** Takes no new call and lets running ones finish, up to 5 s. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
