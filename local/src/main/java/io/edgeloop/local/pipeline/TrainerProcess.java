package io.edgeloop.local.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.edgeloop.local.infra.S3Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the trainer as a child process, as the Tekton task runs its container: a native TensorFlow crash
 * ends that process, never the platform. The S3 credentials go in the environment, as from a Secret.
 */
public final class TrainerProcess implements Consumer<TrainingRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerProcess.class);

    /** Where the trainer and the buckets are. */
    public record Settings(List<String> command, String s3Endpoint, S3Credentials credentials, String kafkaBrokers,
            String modelName, Path logDirectory) {
    }

    private final Settings settings;

    public TrainerProcess(Settings settings) {
        this.settings = settings;
    }

    /**
     * The trainer of this JVM's own classpath, run by the same java: what {@code edgeloop up} has. It ends with
     * this JVM, a crash included ({@link ExitWithParent}).
     */
    public static List<String> sameClasspathCommand() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Daws.requestChecksumCalculation=WHEN_REQUIRED",
                "-Daws.responseChecksumValidation=WHEN_REQUIRED", "-cp", System.getProperty("java.class.path")));
        command.addAll(ExitWithParent.command("io.edgeloop.trainer.TrainCommand"));
        return List.copyOf(command);
    }

    @Override
    public void accept(TrainingRequest request) {
        String edge = request.edgeId();
        List<String> command = new ArrayList<>(settings.command());
        command.addAll(List.of("--edge", edge, "--s3-endpoint", settings.s3Endpoint(),
                "--data-bucket", edge + "-data", "--models-bucket", edge + "-models",
                "--ready-bucket", edge + "-ready", "--model-name", settings.modelName(),
                "--kafka-brokers", settings.kafkaBrokers()));
        if (request.batchId() != null) {
            command.addAll(List.of("--batch-id", request.batchId()));
        }
        try {
            Files.createDirectories(settings.logDirectory());
            Path log = settings.logDirectory().resolve(edge + "-" + Instant.now().toEpochMilli() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("AWS_ACCESS_KEY_ID", settings.credentials().accessKey());
            builder.environment().put("AWS_SECRET_ACCESS_KEY", settings.credentials().secretKey());
            builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
            LOG.info("Training edge {} (batch {}), log: {}", edge, request.batchId(), log);
            int exit = builder.start().waitFor();
            LOG.info("Training of edge {} ended with exit code {} ({})", edge, exit, describe(exit));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(int exit) {
        return switch (exit) {
            case 0 -> "new version published";
            case 2 -> "unusable data, nothing published";
            case 3 -> "rejected by the quality gate, nothing published";
            default -> "failed, see the log";
        };
    }
}
