package io.edgeloop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.dataset.SyntheticDataset;
import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The curl clients in client/ run as a user runs them, against the real model server, shopper and feeder. */
@ExtendWith(EdgeLoopPlatformExtension.class)
class ClientScriptsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENT = Path.of(System.getProperty("edgeloop.home"), "client");
    private static final List<String> CLIENT_VARIABLES =
            List.of("MODEL_SERVER_URL", "MODEL_NAME", "SHOPPER_URL", "FEEDER_URL", "EDGE_ID", "FEEDER_TOKEN", "ZIP_TOOL",
                    "SHOPPER_ADMIN_TOKEN");
    private static final String SECURE_EDGE = "edge-clients-secure";
    private static final String TOKEN = "client-s3cr3t";
    private static final int PER_CLASS = 2;

    private static TestPlatform platform;
    private static EdgeShop shop;
    private static RunningIntegration feeder;
    private static Path work;
    private static Path dataset;
    private static Path photo;

    @BeforeAll
    static void open(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        shop = EdgeShop.open(platform, Map.of());
        feeder = platform.startIntegration(Site.CENTRAL, "feeder", Map.of("feeder.tokens", SECURE_EDGE + "=" + TOKEN));
        work = Files.createTempDirectory("client-scripts");
        dataset = work.resolve("dataset");
        new SyntheticDataset(TrainedModels.CLASSES, PER_CLASS, 96, 77).writeTo(dataset);
        photo = dataset.resolve("images/tea-green/tea-green-0001.jpg");
    }

    @AfterAll
    static void close() throws Exception {
        feeder.close();
        shop.close();
    }

    @Test
    void inferPrintsTheModelServersAnswerAsItIs() throws Exception {
        Result result = run(Map.of("MODEL_SERVER_URL", modelServerUrl()), "infer.sh", photo.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo(shop.directPrediction(Files.readAllBytes(photo)).strip());
        JsonNode predictions = JSON.readTree(result.out()).get("predictions");
        assertThat(predictions.get(0).asText()).isIn(TrainedModels.CLASSES);
        assertThat(predictions.get(1).asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void detectPrintsTheShoppersAnswerWithThePriceTag() throws Exception {
        Result result = run(Map.of("SHOPPER_URL", shopperUrl()), "detect.sh", photo.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode answer = JSON.readTree(result.out());
        assertThat(answer.has("pricetag")).as(result.out()).isTrue();
        assertThat(answer.get("item").asText()).isIn(TrainedModels.CLASSES);
        assertThat(answer.get("modelVersion").asInt()).isEqualTo(1);
    }

    @Test
    void ingestStoresThePhotoUnderItsProductInEdgeBucketData() throws Exception {
        Result result = run(Map.of("SHOPPER_URL", shopperUrl()), "ingest.sh", photo.toString(), "Green Tea");

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode answer = JSON.readTree(result.out());
        assertThat(answer.get("status").asText()).isEqualTo("done");
        assertThat(answer.get("item").asText()).isEqualTo("tea-green");
        assertThat(platform.edgeS3().get("data", answer.get("key").asText())).isEqualTo(Files.readAllBytes(photo));
    }

    @Test
    void ingestSendsTheAdminTokenOfAGuardedShopper() throws Exception {
        try (RunningIntegration guarded = shop.anotherShopper(Map.of("shopper.admin-token", TOKEN))) {
            String url = guarded.url("").toString();
            Result refused = run(Map.of("SHOPPER_URL", url), "ingest.sh", photo.toString(), "Green Tea");
            Result stored = run(Map.of("SHOPPER_URL", url, "SHOPPER_ADMIN_TOKEN", TOKEN), "ingest.sh", photo.toString(),
                    "Green Tea");

            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).hasLineCount(1).contains("answered 401", "admin token");
            assertThat(stored.exit()).as(stored.err()).isZero();
            assertThat(platform.edgeS3().get("data", JSON.readTree(stored.out()).get("key").asText()))
                    .isEqualTo(Files.readAllBytes(photo));
        }
    }

    @Test
    void uploadZipShipsAFolderHoldingImagesAndPrintsTheBatch() throws Exception {
        String edge = newEdge("edge-clients-zip");

        Result result = run(Map.of("FEEDER_URL", feederUrl(), "EDGE_ID", edge), "upload-zip.sh", dataset.toString());

        assertUploaded(result, edge);
    }

    @Test
    void uploadZipShipsAFolderOfClassFoldersZippedWithTheJdksJar() throws Exception {
        String edge = newEdge("edge-clients-jar");

        Result result = run(Map.of("FEEDER_URL", feederUrl(), "EDGE_ID", edge, "ZIP_TOOL", "jar"),
                "upload-zip.sh", dataset.resolve("images").toString());

        assertUploaded(result, edge);
    }

    @Test
    void uploadZipSendsTheEdgesTokenAndPrintsTheFeedersRefusalWithoutIt() throws Exception {
        newEdge(SECURE_EDGE);
        Map<String, String> env = Map.of("FEEDER_URL", feederUrl(), "EDGE_ID", SECURE_EDGE);

        Result refused = run(env, "upload-zip.sh", dataset.toString());
        Result accepted = run(with(env, "FEEDER_TOKEN", TOKEN), "upload-zip.sh", dataset.toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("upload-zip.sh: the feeder at " + feederUrl() + " answered 401: ");
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        assertThat(JSON.readTree(accepted.out()).get("stored").asInt()).isEqualTo(imageCount());
    }

    @Test
    void aServerThatIsDownFailsWithOneLineNamingItsUrlAndTheVariableToSet() throws Exception {
        String down = "http://localhost:" + FreePorts.next();
        Map<String, List<String>> scripts = Map.of(
                "MODEL_SERVER_URL", List.of("infer.sh", photo.toString()),
                "SHOPPER_URL", List.of("detect.sh", photo.toString()),
                "FEEDER_URL", List.of("upload-zip.sh", dataset.toString()));

        for (var script : scripts.entrySet()) {
            List<String> command = script.getValue();
            Result result = run(Map.of(script.getKey(), down), command.get(0), command.subList(1, command.size())
                    .toArray(String[]::new));

            assertThat(result.exit()).as(script.getValue().get(0)).isNotZero();
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).hasLineCount(1).contains("cannot reach", down, "set " + script.getKey());
        }
        Result ingest = run(Map.of("SHOPPER_URL", down), "ingest.sh", photo.toString(), "Green Tea");
        assertThat(ingest.exit()).isNotZero();
        assertThat(ingest.err()).hasLineCount(1).contains(down, "SHOPPER_URL");
    }

    @Test
    void aMissingFileOrFolderFailsWithItsName() throws Exception {
        Path missing = work.resolve("no-such-photo.jpg");

        for (String script : List.of("infer.sh", "detect.sh", "upload-zip.sh")) {
            Result result = run(Map.of(), script, missing.toString());

            assertThat(result.exit()).as(script).isEqualTo(1);
            assertThat(result.err()).as(script).hasLineCount(1).contains("no such", missing.toString());
        }
        assertThat(run(Map.of(), "ingest.sh", missing.toString(), "Green Tea").err()).contains("no such file");
    }

    @Test
    void anErrorAnswerFailsWithTheServersErrorText() throws Exception {
        Path text = Files.writeString(work.resolve("notes.jpg"), "not a photo");

        Result product = run(Map.of("SHOPPER_URL", shopperUrl()), "ingest.sh", photo.toString(), "Coffee");
        Result notAnImage = run(Map.of("SHOPPER_URL", shopperUrl()), "detect.sh", text.toString());
        Result undecodable = run(Map.of("MODEL_SERVER_URL", modelServerUrl()), "infer.sh", text.toString());

        assertThat(product.exit()).isEqualTo(1);
        assertThat(product.err().strip())
                .isEqualTo("ingest.sh: the shopper at " + shopperUrl() + " answered 400: unknown product: Coffee");
        assertThat(notAnImage.exit()).isEqualTo(1);
        assertThat(notAnImage.err()).contains("answered 400: not an image");
        assertThat(undecodable.exit()).isEqualTo(1);
        assertThat(undecodable.err()).startsWith("infer.sh: the model server at " + modelServerUrl() + " answered 400: ")
                .hasLineCount(1);
    }

    @Test
    void helpNamesTheArgumentsAndTheServerVariables() throws Exception {
        Map<String, String> variables = Map.of("infer.sh", "MODEL_SERVER_URL", "detect.sh", "SHOPPER_URL",
                "ingest.sh", "SHOPPER_URL", "upload-zip.sh", "FEEDER_URL");

        for (var script : variables.entrySet()) {
            Result help = run(Map.of(), script.getKey(), "--help");
            Result noArguments = run(Map.of(), script.getKey());

            assertThat(help.exit()).isZero();
            assertThat(help.out()).startsWith("Usage: client/" + script.getKey()).contains(script.getValue());
            assertThat(noArguments.exit()).isEqualTo(2);
            assertThat(noArguments.err()).startsWith("Usage: client/" + script.getKey());
        }
    }

    private static void assertUploaded(Result result, String edge) throws Exception {
        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode summary = JSON.readTree(result.out());
        assertThat(summary.get("batchId").asText()).isNotBlank();
        assertThat(summary.get("edgeId").asText()).isEqualTo(edge);
        assertThat(summary.get("stored").asInt()).isEqualTo(imageCount());
        assertThat(summary.get("skipped")).isEmpty();
        assertThat(platform.centralS3().keys(edge + "-data", "images/")).containsExactlyElementsOf(imageKeys());
    }

    private static String newEdge(String edge) {
        platform.centralS3().createBucket(edge + "-data");
        return edge;
    }

    private static int imageCount() {
        return TrainedModels.CLASSES.size() * PER_CLASS;
    }

    /** images/<class>/<file> of every photo in the dataset folder, sorted. */
    private static List<String> imageKeys() throws IOException {
        try (Stream<Path> files = Files.walk(dataset)) {
            return files.filter(Files::isRegularFile).map(file -> dataset.relativize(file).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    private static String modelServerUrl() {
        return shop.modelServerUrl("").toString();
    }

    private static String shopperUrl() {
        return shop.shopper().url("").toString();
    }

    private static String feederUrl() {
        return feeder.url("").toString();
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(key, value);
        return more;
    }

    /** Runs client/SCRIPT ARGS with the given variables (and none of the clients' others from this JVM's). */
    private static Result run(Map<String, String> env, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", CLIENT.resolve(script).toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeAll(CLIENT_VARIABLES);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Result(int exit, String out, String err) {
    }
}
