package io.edgeloop.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

import io.edgeloop.trainer.model.BaseModelException;
import io.edgeloop.trainer.model.BaseModelSignature;
import io.edgeloop.trainer.model.ClassifierTrainer;
import io.edgeloop.trainer.model.Evaluation;
import io.edgeloop.trainer.model.PixelRange;
import io.edgeloop.trainer.model.SkippedImage;
import io.edgeloop.trainer.model.TrainedClassifier;
import io.edgeloop.trainer.model.TrainingOptions;
import io.edgeloop.trainer.publish.ModelRepository;
import io.edgeloop.trainer.publish.PublishGate;
import io.edgeloop.trainer.publish.VersionManifest;
import io.edgeloop.trainer.publish.VersionPublisher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code edgeloop train}: trains the classifier of one edge from its data bucket and publishes version
 * N+1 to the models and ready buckets, or explains why not. The entrypoint of the Tekton task too.
 * Exit codes: 0 published, 2 unusable data, 3 rejected by the quality gate, 1 anything else (an unusable base
 * model among them).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the image classifier of an edge from S3 and publishes the next model version.",
                "S3 credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY."})
public final class TrainCommand implements Callable<Integer> {

    static final int PUBLISHED = 0;
    static final int FAILED = 1;
    static final int BAD_DATA = 2;
    static final int REJECTED = 3;
    private static final String TRAINER_VERSION = "edgeloop-trainer 0.1.0";

    @Option(names = "--edge", required = true, description = "The edge id, e.g. edge1.")
    String edgeId;

    @Option(names = "--s3-endpoint", required = true, description = "URL of the central S3 server.")
    String s3Endpoint;

    @Option(names = "--s3-region", defaultValue = "us-east-1", description = "S3 region (default: ${DEFAULT-VALUE}).")
    String s3Region;

    @Option(names = "--data-bucket", required = true, description = "Bucket with images/<class>/<file>.")
    String dataBucket;

    @Option(names = "--models-bucket", required = true, description = "Bucket keeping every published version.")
    String modelsBucket;

    @Option(names = "--ready-bucket", required = true, description = "Bucket of versions waiting for the edge.")
    String readyBucket;

    @Option(names = "--model-name", defaultValue = "tea_model_b64", description = "Model name (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--extractor", defaultValue = "histogram",
            description = "histogram (default), cnn, or base-model (with --base-model).")
    String extractor;

    @Option(names = "--base-model", description = {"A feature-vector SavedModel directory (a TF2 / Keras export "
            + "with variables, or a frozen graph): train a new head on it.",
            "Its signature takes float pixels [N, H, W, 3] or encoded images (string [N]) and gives features "
                    + "[N, D]; its H x W replaces --image-size."})
    Path baseModel;

    @Option(names = "--base-model-optional", arity = "1", defaultValue = "false", description = "true: train "
            + "without a base model when the --base-model directory does not exist (the Tekton task's fetch step "
            + "leaves it absent without a baseModelUrl).")
    boolean baseModelOptional;

    @Option(names = "--base-model-signature", defaultValue = "serving_default",
            description = "The base model's signature to use (default: ${DEFAULT-VALUE}).")
    String baseModelSignature;

    @Option(names = "--base-model-output", description = "The signature's output to use as features "
            + "(default: its only float [N, D] output).")
    String baseModelOutput;

    @Option(names = "--base-model-scale", defaultValue = "0-1", description = "Pixel range of a float image input: "
            + "0-1 (default, TF Hub image feature vectors) or -1-1 (keras.applications MobileNetV2).")
    String baseModelScale;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of split, initialisation and augmentation.")
    long seed;

    @Option(names = "--image-size", description = "Pixels each photo is resized to (not with --base-model, whose "
            + "signature gives the size).")
    Integer imageSize;

    @Option(names = "--epochs", description = "Training epochs.")
    Integer epochs;

    @Option(names = "--min-accuracy", defaultValue = "0.8", description = "Publish only at this held-out accuracy or better.")
    double minAccuracy;

    @Option(names = "--max-regression", defaultValue = "0.05",
            description = "Publish only if not worse than the published version by more than this.")
    double maxRegression;

    @Option(names = "--kafka-brokers", description = "Where to send progress events (topic <edge>); none when empty.")
    String kafkaBrokers;

    @Option(names = "--batch-id", description = "The feeder batch that triggered this run (for the events).")
    String batchId;

    @Option(names = "--version-file", description = "Write the published version number here (a Tekton result).")
    Path versionFile;

    @Option(names = "--work-dir", description = "Where the SavedModel is exported before upload (default: a temp dir).")
    Path workDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TrainingOptions options = options();
        try (TrainingEvents events = TrainingEvents.to(kafkaBrokers, edgeId);
                S3Client s3 = S3Buckets.connect(s3Endpoint, s3Region)) {
            TrainingData data = TrainingData.read(s3, dataBucket);
            log("Training edge %s on %d images of %d classes %s", edgeId, data.images().size(),
                    data.classes().size(), data.classes());
            events.send("started", Map.of("images", data.images().size(), "classes", data.classes(),
                    "batchId", batchId == null ? "" : batchId));
            try (TrainedClassifier model = train(data, options, events)) {
                for (SkippedImage skipped : model.skipped()) {
                    log("Skipped %s: %s", skipped.key(), skipped.reason());
                }
                return publishIfGood(s3, data, options, model, events);
            } catch (BaseModelException e) {
                events.send("failed", Map.of("reason", e.getMessage()));
                log("Nothing published, the base model is unusable: %s", e.getMessage());
                return FAILED;
            } catch (IllegalArgumentException e) {
                events.send("failed", Map.of("reason", e.getMessage()));
                log("Nothing published: %s", e.getMessage());
                return BAD_DATA;
            }
        }
    }

    private TrainedClassifier train(TrainingData data, TrainingOptions options, TrainingEvents events) {
        int every = Math.max(1, options.epochs() / 10);
        return new ClassifierTrainer(options).train(data.images(), (epoch, epochs, loss, accuracy) -> {
            if (epoch % every == 0 || epoch == epochs) {
                events.send("epoch", Map.of("epoch", epoch, "epochs", epochs, "loss", loss, "accuracy", accuracy));
            }
        });
    }

    private int publishIfGood(S3Client s3, TrainingData data, TrainingOptions options, TrainedClassifier model,
            TrainingEvents events) throws IOException {
        Evaluation evaluation = model.evaluation();
        log("Held-out accuracy %.4f on %d images", evaluation.accuracy(), evaluation.heldOut());
        events.send("evaluated", Map.of("accuracy", evaluation.accuracy(), "heldOut", evaluation.heldOut(),
                "skippedImages", model.skippedImages()));

        ModelRepository models = new ModelRepository(s3, modelsBucket, modelName);
        ModelRepository ready = new ModelRepository(s3, readyBucket, modelName);
        Optional<String> published = models.latestManifest();
        OptionalDouble publishedAccuracy = published.isPresent()
                ? VersionManifest.accuracy(published.get()) : OptionalDouble.empty();
        Optional<String> rejection = new PublishGate(minAccuracy, maxRegression)
                .rejection(evaluation.accuracy(), publishedAccuracy);
        if (rejection.isPresent()) {
            events.send("rejected", Map.of("reason", rejection.get(), "accuracy", evaluation.accuracy()));
            log("Nothing published: %s", rejection.get());
            return REJECTED;
        }

        int version = new VersionPublisher(models, ready, modelName, edgeId, TRAINER_VERSION,
                workDir != null ? workDir : Files.createTempDirectory("edgeloop-model"))
                .publish(model, options, data.images().size(), data.batchIds());
        if (versionFile != null) {
            Files.writeString(versionFile, Integer.toString(version));
        }
        events.send("published", Map.of("model", modelName, "version", version, "accuracy", evaluation.accuracy()));
        log("Published %s version %d to %s and %s", modelName, version, modelsBucket, readyBucket);
        return PUBLISHED;
    }

    private TrainingOptions options() {
        if (baseModel != null && baseModelOptional && !Files.exists(baseModel)) {
            log("No base model at %s: training with the %s extractor", baseModel, extractor);
            baseModel = null;
        }
        String chosen = baseModel != null ? "base-model" : extractor;
        TrainingOptions defaults = TrainingOptions.defaultsFor(chosen, baseModel);
        PixelRange range;
        try {
            range = PixelRange.ofFlag(baseModelScale);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--base-model-scale: " + e.getMessage());
        }
        return new TrainingOptions(chosen, baseModel, seed,
                imageSize != null ? imageSize : defaults.imageSize(),
                epochs != null ? epochs : defaults.epochs(),
                defaults.learningRate(), defaults.holdOut(),
                new BaseModelSignature(baseModelSignature,
                        baseModelOutput == null || baseModelOutput.isEmpty() ? null : baseModelOutput, range));
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
