package io.edgeloop.modelserver;

import io.edgeloop.modelserver.versions.VersionLabels;
import io.edgeloop.modelserver.versions.VersionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeloop serve}: serves one model's SavedModel versions over TensorFlow Serving's REST and gRPC APIs, so the
 * shopper and any TF Serving client work against it as against the {@code tensorflow/serving} image. TF Serving's own
 * flag spellings ({@code --model_name}, {@code --rest_api_port}, {@code --port}...) are accepted too.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a model's SavedModel versions over TensorFlow Serving's REST API (port 8501) and gRPC "
                + "API (port 8500).",
                "Loads <base>/<version>/saved_model.pb, watches the base path and swaps new versions in without "
                        + "failing a request."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = {"--model-name", "--model_name"}, required = true,
            description = "The model's name in the URLs, e.g. tea_model_b64.")
    String modelName;

    @Option(names = {"--model-base-path", "--model_base_path"}, required = true,
            description = "The folder of version folders: <base>/<version>/saved_model.pb.")
    Path modelBasePath;

    @Option(names = {"--rest-port", "--rest_api_port"}, defaultValue = "8501",
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int restPort;

    @Option(names = {"--grpc-port", "--port"}, defaultValue = "8500",
            description = "gRPC port, TF Serving's PredictionService and ModelService (default: ${DEFAULT-VALUE}; "
                    + "0 picks a free one).")
    int grpcPort;

    @Option(names = {"--file-system-poll-wait-seconds", "--file_system_poll_wait_seconds"}, defaultValue = "1",
            description = "Seconds between two looks for new versions; 0 looks once (default: ${DEFAULT-VALUE}).")
    int pollWaitSeconds;

    @Option(names = "--model-version-policy", defaultValue = "latest:1",
            description = "latest[:N], specific:V1,V2... or all (default: ${DEFAULT-VALUE}).")
    String versionPolicy;

    @Option(names = "--version-labels", paramLabel = "LABEL=VERSION,...",
            description = "Names for versions, e.g. stable=2,canary=3, for /v1/models/<m>/labels/<label>.")
    String versionLabels;

    @Spec
    CommandSpec spec;

    @Option(names = {"--rest-threads", "--rest_api_num_threads"},
            description = "Threads answering HTTP requests (default: 4 per core).")
    Integer restThreads;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ServerSettings settings = settings();
        ModelServer server = ModelServer.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "model-server-shutdown"));
        System.out.println("Serving " + settings.modelName() + " on http://localhost:" + server.port()
                + "/v1/models/" + settings.modelName() + " and gRPC localhost:" + server.grpcPort() + " (Ctrl-C stops)");
        stopped.await();
        return 0;
    }

    /** @throws CommandLine.ParameterException for values the server cannot run with */
    ServerSettings settings() {
        try {
            if (pollWaitSeconds < 0) {
                throw new IllegalArgumentException("--file-system-poll-wait-seconds cannot be negative");
            }
            return ServerSettings.defaults(modelName, modelBasePath)
                    .withRestPort(restPort)
                    .withGrpcPort(grpcPort)
                    .withPollWait(Duration.ofSeconds(pollWaitSeconds))
                    .withVersionPolicy(VersionPolicy.parse(versionPolicy))
                    .withVersionLabels(VersionLabels.parse(versionLabels))
                    .withRestThreads(restThreads != null ? restThreads : ServerSettings.defaultRestThreads());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
