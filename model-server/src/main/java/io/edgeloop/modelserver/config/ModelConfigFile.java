package io.edgeloop.modelserver.config;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;

/**
 * TF Serving's {@code --model_config_file}: a {@code ModelServerConfig} in protobuf text format, read again every
 * {@code --model_config_file_poll_wait_seconds} (zero: read once, at start).
 */
public record ModelConfigFile(Path path, Duration pollWait) {

    public ModelConfigFile {
        if (pollWait.isNegative()) {
            throw new IllegalArgumentException("The model config file's poll wait cannot be negative: " + pollWait);
        }
    }

    /** The config the file holds now; {@link IOException} when it cannot be read or parsed. */
    public ModelServerConfig read() throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        try {
            return TextFormat.parse(text, ModelServerConfig.class);
        } catch (TextFormat.ParseException e) {
            // TF Serving's words when a config file does not parse.
            throw new IOException("Error parsing text-format tensorflow.serving.ModelServerConfig in " + path + ": "
                    + e.getMessage(), e);
        }
    }

    /** The text of a config serving the model's latest version, TF Serving's default for a single model. */
    public static String latestVersionOf(String modelName, Path basePath) {
        return TextFormat.printer().printToString(ModelServerConfig.newBuilder()
                .setModelConfigList(tensorflow.serving.ModelServerConfigOuterClass.ModelConfigList.newBuilder()
                        .addConfig(tensorflow.serving.ModelServerConfigOuterClass.ModelConfig.newBuilder()
                                .setName(modelName).setBasePath(basePath.toAbsolutePath().toString())
                                .setModelPlatform("tensorflow")))
                .build());
    }
}
