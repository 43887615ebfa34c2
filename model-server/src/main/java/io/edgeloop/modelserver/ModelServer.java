package io.edgeloop.modelserver;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import io.edgeloop.modelserver.config.ModelConfigFile;
import io.edgeloop.modelserver.config.ModelConfigPoller;
import io.edgeloop.modelserver.config.ModelConfigReloader;
import io.edgeloop.modelserver.config.ServedModelConfig;
import io.edgeloop.modelserver.examples.Classifier;
import io.edgeloop.modelserver.examples.Regressor;
import io.edgeloop.modelserver.http.ExampleHandler;
import io.edgeloop.modelserver.grpc.GrpcServer;
import io.edgeloop.modelserver.http.HealthHandler;
import io.edgeloop.modelserver.http.InferenceV2Handler;
import io.edgeloop.modelserver.http.MetadataHandler;
import io.edgeloop.modelserver.http.ModelStatusHandler;
import io.edgeloop.modelserver.http.PredictHandler;
import io.edgeloop.modelserver.http.RestRouter;
import io.edgeloop.modelserver.json.ExampleRequestParser;
import io.edgeloop.modelserver.json.ExampleResultWriter;
import io.edgeloop.modelserver.json.PredictResponseWriter;
import io.edgeloop.modelserver.json.RestRequestParser;
import io.edgeloop.modelserver.json.SignatureRunner;
import io.edgeloop.modelserver.metrics.ServerMetrics;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.VersionDirectories;
import io.edgeloop.modelserver.versions.VersionLoader;
import io.edgeloop.modelserver.versions.VersionWatcher;
import io.edgeloop.modelserver.versions.Warmup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.NavigableSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;

/**
 * A TensorFlow Serving compatible REST and gRPC server for one model, run by {@code edgeloop serve} or embedded: it
 * serves the versions under the model's base path, swaps in new ones as they appear, and stops with {@link #close()}.
 */
public final class ModelServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

    /** Without TCP_NODELAY the JDK server waits for delayed ACKs: ~40 ms per small answer on a kept-alive link. */
    static final String NODELAY = "sun.net.httpserver.nodelay";

    private final ServerSettings settings;
    private final ModelVersions versions;
    private final HttpServer http;
    private final GrpcServer grpc;
    private final ExecutorService requestThreads;
    private final ScheduledExecutorService watcherThread;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ModelServer(ServerSettings settings, ModelVersions versions, HttpServer http, GrpcServer grpc,
            ExecutorService requestThreads, ScheduledExecutorService watcherThread) {
        this.settings = settings;
        this.versions = versions;
        this.http = http;
        this.grpc = grpc;
        this.requestThreads = requestThreads;
        this.watcherThread = watcherThread;
    }

    /**
     * Loads the versions the policy wants from the base path (a base path without versions yet is watched until
     * some appear), then answers HTTP and gRPC on the settings' ports and keeps watching the base path.
     *
     * @throws IOException when a port cannot be bound
     */
    public static ModelServer start(ServerSettings settings) throws IOException {
        return start(settings, null);
    }

    /**
     * As {@link #start(ServerSettings)}, and then reads the model config file again every poll wait and applies a
     * changed version policy or labels, as TF Serving's {@code --model_config_file_poll_wait_seconds}.
     *
     * @param configFile the file the settings were read from ({@link ServerSettings#of}); null: none
     * @throws IOException when a port cannot be bound or the config file not read
     */
    public static ModelServer start(ServerSettings settings, ModelConfigFile configFile) throws IOException {
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        // Read before anything is loaded: a file that went bad since the settings were read stops the start.
        ModelServerConfig startConfig = configFile == null ? null : configFile.read();
        ObjectMapper json = JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
        ModelVersions versions = new ModelVersions(settings.modelName(), settings.versionLabels());
        ServerMetrics metrics = new ServerMetrics();
        VersionWatcher watcher = new VersionWatcher(new VersionDirectories(settings.modelBasePath()),
                settings.versionPolicy(), new VersionLoader(new Warmup()), versions, metrics);
        watcher.poll();
        ModelConfigReloader reloader = new ModelConfigReloader(new ServedModelConfig(settings.modelName(),
                settings.modelBasePath(), settings.versionPolicy(), settings.versionLabels()), watcher, versions);
        ModelConfigPoller configPoller = configFile == null ? null
                : new ModelConfigPoller(configFile, reloader, startConfig);

        RestRequestParser parser = new RestRequestParser();
        SignatureRunner runner = new SignatureRunner();
        RestRouter router = new RestRouter(json, versions,
                new PredictHandler(versions, parser, runner, new PredictResponseWriter()),
                new ExampleHandler(versions, parser, new ExampleRequestParser(), new ExampleResultWriter(),
                        new Classifier(), new Regressor()),
                new ModelStatusHandler(versions), new MetadataHandler(versions),
                new InferenceV2Handler(versions, parser, runner), new HealthHandler(versions), metrics);
        ExecutorService requestThreads = Executors.newFixedThreadPool(settings.restThreads(),
                threads("model-server-rest-"));
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(settings.restPort()), 0);
        } catch (IOException e) {
            requestThreads.shutdownNow();
            versions.retireAll();
            throw e;
        }
        GrpcServer grpc;
        try {
            grpc = GrpcServer.start(settings.grpcPort(), versions, reloader, metrics);
        } catch (IOException e) {
            http.stop(0);
            requestThreads.shutdownNow();
            versions.retireAll();
            throw new IOException("Cannot serve gRPC on port " + settings.grpcPort() + ": " + e.getMessage(), e);
        }
        http.createContext("/", router);
        http.setExecutor(requestThreads);
        http.start();

        ScheduledExecutorService watcherThread = Executors.newSingleThreadScheduledExecutor(
                threads("model-server-watcher-"));
        if (!settings.pollWait().isZero()) {
            long wait = settings.pollWait().toMillis();
            watcherThread.scheduleWithFixedDelay(() -> pollSafely(watcher::poll), wait, wait, TimeUnit.MILLISECONDS);
        }
        if (configPoller != null && !configFile.pollWait().isZero()) {
            long wait = configFile.pollWait().toMillis();
            watcherThread.scheduleWithFixedDelay(() -> pollSafely(configPoller), wait, wait, TimeUnit.MILLISECONDS);
        }
        ModelServer server = new ModelServer(settings, versions, http, grpc, requestThreads, watcherThread);
        LOG.info("Serving model {} from {} (policy {}, labels {}) over REST on port {}: TF Serving API /v1, "
                        + "Open Inference Protocol /v2, metrics {}, health {}; over gRPC on port {}",
                settings.modelName(), settings.modelBasePath(), settings.versionPolicy(), settings.versionLabels(),
                server.port(), RestRouter.METRICS_PATH, RestRouter.HEALTH_PATH, server.grpcPort());
        return server;
    }

    /** The port it answers on (the one picked when the settings asked for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The gRPC port it answers on (the one picked when the settings asked for port 0). */
    public int grpcPort() {
        return grpc.port();
    }

    public String modelName() {
        return settings.modelName();
    }

    /** The versions taking requests now, lowest first. */
    public NavigableSet<Long> availableVersions() {
        return versions.availableVersions();
    }

    /** Stops answering, lets running requests finish (up to 5 s), stops watching and unloads every version. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watcherThread.shutdownNow();
        http.stop(0);
        grpc.close();
        requestThreads.shutdown();
        try {
            if (!requestThreads.awaitTermination(5, TimeUnit.SECONDS)) {
                requestThreads.shutdownNow();
            }
            watcherThread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        versions.retireAll();
        LOG.info("Stopped serving model {}", settings.modelName());
    }

    /** A failed poll of the base path or of the model config file is tried again at the next one. */
    private static void pollSafely(Runnable poll) {
        try {
            poll.run();
        } catch (RuntimeException e) {
            LOG.error("Looking for new versions or config failed; trying again at the next poll", e);
        } catch (Error e) {
            LOG.error("Looking for new versions or config failed; no more polls", e);
            throw e;
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
