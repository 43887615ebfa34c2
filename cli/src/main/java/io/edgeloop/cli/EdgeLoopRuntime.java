package io.edgeloop.cli;

import java.util.ArrayList;
import java.util.List;

import io.edgeloop.local.LocalPlatform;
import io.edgeloop.local.PlatformConfig;
import io.edgeloop.modelserver.ModelServer;

/** Everything {@code edgeloop up} runs: the local platform and one model server per edge. */
public final class EdgeLoopRuntime implements AutoCloseable {

    private final LocalPlatform platform;
    private final List<ModelServer> modelServers = new ArrayList<>();

    private EdgeLoopRuntime(LocalPlatform platform) {
        this.platform = platform;
    }

    public static EdgeLoopRuntime start(PlatformConfig config) throws Exception {
        EdgeLoopRuntime runtime = new EdgeLoopRuntime(new LocalPlatform(config));
        try {
            runtime.platform.start();
            for (String edge : config.edgeIds()) {
                runtime.modelServers.add(LocalModelServer.start(runtime.platform, edge));
            }
            return runtime;
        } catch (Exception e) {
            runtime.close();
            throw e;
        }
    }

    public LocalPlatform platform() {
        return platform;
    }

    /** The edges' model servers, in the platform's edge order. */
    public List<ModelServer> modelServers() {
        return List.copyOf(modelServers);
    }

    public ModelServer modelServer(String edgeId) {
        return modelServers.get(platform.config().edgeIds().indexOf(edgeId));
    }

    @Override
    public void close() {
        modelServers.forEach(ModelServer::close);
        platform.close();
    }
}
