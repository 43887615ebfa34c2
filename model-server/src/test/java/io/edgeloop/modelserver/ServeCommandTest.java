package io.edgeloop.modelserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeloop.modelserver.versions.VersionLabels;
import io.edgeloop.modelserver.versions.VersionPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void optionsBecomeTheServerSettings() {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--model-name", "tea_model_b64", "--model-base-path", "/models/tea",
                "--rest-port", "9501", "--grpc-port", "9500", "--file-system-poll-wait-seconds", "5", "--model-version-policy",
                "specific:1,3", "--version-labels", "stable=1,canary=3", "--rest-threads", "3");

        ServerSettings settings = command.settings();

        assertThat(settings).isEqualTo(new ServerSettings("tea_model_b64", Path.of("/models/tea"), 9501, 9500,
                Duration.ofSeconds(5), VersionPolicy.parse("specific:1,3"),
                new VersionLabels(Map.of("stable", 1L, "canary", 3L)), 3));
    }

    @Test
    void tfServingsFlagSpellingsAndDefaultsWork() {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--model_name=tea_model_b64", "--model_base_path=/models/tea",
                "--rest_api_port=8601");

        ServerSettings settings = command.settings();

        assertThat(settings).isEqualTo(ServerSettings.defaults("tea_model_b64", Path.of("/models/tea"))
                .withRestPort(8601).withGrpcPort(8500));
        assertThat(settings.grpcPort()).isEqualTo(8500);
        assertThat(settings.pollWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.versionPolicy()).isEqualTo(VersionPolicy.latest(1));
        assertThat(settings.restThreads()).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aModelConfigFileNamesTheModelItsPolicyAndLabels(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("models.config"), "model_config_list { config { name: \"tea\" "
                + "base_path: \"/models/tea\" model_platform: \"tensorflow\" model_version_policy { specific { "
                + "versions: 1 versions: 3 } } version_labels { key: \"stable\" value: 1 } } }");
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--model_config_file=" + file, "--model_config_file_poll_wait_seconds=2");

        assertThat(command.settings()).isEqualTo(ServerSettings.defaults("tea", Path.of("/models/tea"))
                .withGrpcPort(8500).withVersionPolicy(VersionPolicy.parse("specific:1,3"))
                .withVersionLabels(VersionLabels.parse("stable=1")));
    }

    @Test
    void aModelConfigFileAndAModelNameIsAUsageError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("models.config"),
                "model_config_list { config { name: \"tea\" base_path: \"/models/tea\" } }");
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new ServeCommand()).setErr(new PrintWriter(err));

        assertThat(command.execute("--model_config_file=" + file, "--model_name=tea")).isEqualTo(2);
        assertThat(err.toString()).contains("leave out --model-name");
    }

    @Test
    void tfServingsPortFlagIsTheGrpcPort() {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--model_name=tea_model_b64", "--model_base_path=/models/tea",
                "--port=8600", "--rest_api_port=8601");

        assertThat(command.settings().grpcPort()).isEqualTo(8600);
        assertThat(command.settings().restPort()).isEqualTo(8601);
    }

    @Test
    void oneRestAndGrpcPortIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new ServeCommand()).setErr(new PrintWriter(err));

        int exitCode = command.execute("--model-name", "tea", "--model-base-path", "/models/tea",
                "--port", "8501");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("The REST and gRPC ports must differ, both are 8501");
    }

    @Test
    void valuesTheServerCannotRunWithAreUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new ServeCommand()).setErr(new PrintWriter(err));

        int exitCode = command.execute("--model-name", "tea", "--model-base-path", "/models/tea",
                "--model-version-policy", "newest");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown version policy 'newest'");
    }
}
