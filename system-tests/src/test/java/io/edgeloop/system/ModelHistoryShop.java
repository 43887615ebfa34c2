package io.edgeloop.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import io.edgeloop.modelserver.ModelServer;
import io.edgeloop.modelserver.ServerSettings;
import io.edgeloop.modelserver.config.ModelConfigFile;
import io.edgeloop.modelserver.config.ServedModelConfig;
import io.edgeloop.trainer.model.TrainingOptions;
import io.edgeloop.trainer.publish.ModelRepository;
import io.edgeloop.trainer.publish.VersionPublisher;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.TensorProto;
import org.tensorflow.framework.TensorShapeProto;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.PredictionServiceGrpc;

/**
 * An edge whose model versions come the real way, for the model history and the pin: the trainer's publisher writes
 * each version to a central {@code <edge>-ready} of its own, the manager copies it into the model repository and
 * archives it in an edge bucket of its own, the model server serves the repository by its model config file (which
 * the manager rewrites on a pin) and the shopper, with an admin token, answers /models.
 */
public final class ModelHistoryShop implements AutoCloseable {

    public static final String MODEL = "tea_model_b64";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration CONFIG_POLL = Duration.ofSeconds(1);

    private final TestPlatform platform;
    private final String archive;
    private final Map<String, String> shopperSettings;
    private final ModelConfigFile configFile;
    private final RunningIntegration manager;
    private final VersionPublisher trainer;
    private ModelServer modelServer;
    private RunningIntegration shopper;

    private ModelHistoryShop(TestPlatform platform, String archive, Map<String, String> shopperSettings,
            ModelConfigFile configFile, RunningIntegration manager, VersionPublisher trainer) {
        this.platform = platform;
        this.archive = archive;
        this.shopperSettings = shopperSettings;
        this.configFile = configFile;
        this.manager = manager;
        this.trainer = trainer;
    }

    public static ModelHistoryShop open(TestPlatform platform, String adminToken) throws Exception {
        String edge = platform.newCentralEdge("edge-history-t");
        String archive = edge + "-production";
        for (String bucket : List.of(edge + "-models", edge + "-ready")) {
            platform.centralS3().createBucket(bucket);
        }
        platform.edgeS3().createBucket(archive);
        Path repository = Files.createTempDirectory("edge-models");
        Files.createDirectories(repository.resolve(MODEL));
        // Until the first pin, the config that serves the latest version (the local platform writes the same).
        Path config = repository.resolve("models.config");
        Files.move(Files.writeString(repository.resolve(".models.config.incoming"),
                ModelConfigFile.latestVersionOf(MODEL, repository.resolve(MODEL))), config, StandardCopyOption.ATOMIC_MOVE);
        RunningIntegration manager = platform.startAnotherIntegration(Site.EDGE, "manager", Map.of("edge.id", edge,
                "manager.model-repository", repository.toString(), "manager.archive-bucket", archive,
                "manager.poll-delay", "200", "manager.monitor-topic", "monitor-" + edge));
        var s3 = platform.centralS3().sdk();
        VersionPublisher trainer = new VersionPublisher(new ModelRepository(s3, edge + "-models", MODEL),
                new ModelRepository(s3, edge + "-ready", MODEL), MODEL, edge, "test", Files.createTempDirectory("trainer-work"));
        Map<String, String> shopperSettings = Map.of("shopper.admin-token", adminToken,
                "shopper.production-bucket", archive, "shopper.detection-topic", "detection-" + edge + "/+",
                "shopper.monitor-topic", "monitor-" + edge);
        ModelHistoryShop shop = new ModelHistoryShop(platform, archive, shopperSettings,
                new ModelConfigFile(config, CONFIG_POLL), manager, trainer);
        shop.startModelServer();
        shop.startShopper();
        return shop;
    }

    /** Trains nothing new: publishes the shared trained classifier as the next version, with batch ids of its own. */
    public int publishVersion(List<String> batches) throws Exception {
        return trainer.publish(TrainedModels.classifier(), TrainingOptions.defaults(), 72, batches);
    }

    /** Stops the model server and starts it again over the same repository and config file. */
    public void restartModelServer() throws Exception {
        modelServer.close();
        startModelServer();
    }

    /** Stops the shopper and starts it again (on another port). */
    public void restartShopper() throws Exception {
        shopper.close();
        startShopper();
    }

    private void startModelServer() throws Exception {
        modelServer = ModelServer.start(ServerSettings.of(ServedModelConfig.of(configFile.read()))
                .withRestPort(FreePorts.next()).withPollWait(Duration.ofMillis(200)), configFile);
    }

    private void startShopper() throws Exception {
        Map<String, String> settings = new java.util.LinkedHashMap<>(shopperSettings);
        settings.put("shopper.model-server-url", "http://localhost:" + modelServer.port());
        shopper = platform.startAnotherIntegration(Site.EDGE, "shopper", settings);
    }

    public URI url(String path) {
        return shopper.url(path);
    }

    /** The versions the model server takes requests with, lowest first. */
    public List<Long> availableVersions() {
        return List.copyOf(modelServer.availableVersions());
    }

    /** The version a TF Serving gRPC Predict answers with (its model_spec.version), for a photo of the training set. */
    public long predictedVersion() throws Exception {
        ManagedChannel channel = Grpc.newChannelBuilder("localhost:" + modelServer.grpcPort(),
                InsecureChannelCredentials.create()).build();
        try {
            byte[] photo = TrainedModels.photos(1, 5).get(0).bytes();
            return PredictionServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .predict(PredictRequest.newBuilder().setModelSpec(ModelSpec.newBuilder().setName(MODEL))
                            .putInputs("image_b64", TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                                    .setTensorShape(TensorShapeProto.newBuilder()
                                            .addDim(TensorShapeProto.Dim.newBuilder().setSize(1)))
                                    .addStringVal(ByteString.copyFrom(photo)).build()).build())
                    .getModelSpec().getVersion().getValue();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The version's manifest as the manager archived it; null before. */
    public JsonNode archivedManifest(int version) throws Exception {
        String key = "models/" + MODEL + "/" + version + "/manifest.json";
        return platform.edgeS3().keys(archive, key).isEmpty() ? null : JSON.readTree(platform.edgeS3().get(archive, key));
    }

    /** GET /models with the admin token. */
    public JsonNode models(String adminToken) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/models"))
                .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /models answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        if (shopper != null) {
            shopper.close();
        }
        if (modelServer != null) {
            modelServer.close();
        }
        manager.close();
    }
}
