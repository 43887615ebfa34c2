package io.edgeloop.modelserver;

import io.edgeloop.modelserver.config.ModelConfigFile;
import io.edgeloop.modelserver.config.ServedModelConfig;
import io.edgeloop.modelserver.versions.VersionLabels;
import io.edgeloop.modelserver.versions.VersionPolicy;
import java.io.IOException;
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

    @Option(names = {"--model-name", "--model_name"},
            description = "The model's name in the URLs, e.g. tea_model_b64 (or --model-config-file).")
    String modelName;

    @Option(names = {"--model-base-path", "--model_base_path"},
            description = "The folder of version folders: <base>/<version>/saved_model.pb (or --model-config-file).")
    Path modelBasePath;

    @Option(names = {"--model-config-file", "--model_config_file"},
            description = "A TF Serving ModelServerConfig (protobuf text) naming the one model to serve, its base_path, "
                    + "model_version_policy and version_labels; replaces --model-name, --model-base-path, "
                    + "--model-version-policy and --version-labels.")
    Path modelConfigFile;

    @Option(names = {"--model-config-file-poll-wait-seconds", "--model_config_file_poll_wait_seconds"},
            defaultValue = "0",
            description = "Seconds between two reads of the model config file, whose changed version policy or "
                    + "labels are applied; 0 reads it once (default: ${DEFAULT-VALUE}).")
    int configPollWaitSeconds;

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
        ModelServer server = ModelServer.start(settings, configFile());
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
            return modelSettings()
                    .withRestPort(restPort)
                    .withGrpcPort(grpcPort)
                    .withPollWait(Duration.ofSeconds(pollWaitSeconds))
                    .withRestThreads(restThreads != null ? restThreads : ServerSettings.defaultRestThreads());
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The model, its policy and labels: from the model config file when one is given, as TF Serving takes them. */
    private ServerSettings modelSettings() throws IOException {
        if (modelConfigFile != null) {
            if (modelName != null || modelBasePath != null) {
                throw new IllegalArgumentException("--model-config-file names the model: leave out --model-name and "
                        + "--model-base-path");
            }
            return ServerSettings.of(ServedModelConfig.of(configFile().read()));
        }
        if (modelName == null || modelBasePath == null) {
            throw new IllegalArgumentException("Either --model-name and --model-base-path, or --model-config-file");
        }
        return ServerSettings.defaults(modelName, modelBasePath)
                .withVersionPolicy(VersionPolicy.parse(versionPolicy))
                .withVersionLabels(VersionLabels.parse(versionLabels));
    }

    private ModelConfigFile configFile() {
        if (configPollWaitSeconds < 0) {
            throw new IllegalArgumentException("--model-config-file-poll-wait-seconds cannot be negative");
        }
        return modelConfigFile == null ? null
                : new ModelConfigFile(modelConfigFile, Duration.ofSeconds(configPollWaitSeconds));
    }
}
