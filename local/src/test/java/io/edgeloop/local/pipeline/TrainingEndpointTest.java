package io.edgeloop.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.local.infra.S3Credentials;
import io.edgeloop.local.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EventListener contract of the local platform, with a real child process standing in for the trainer. */
class TrainingEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private Path runs;
    private Path release;
    private TrainingEndpoint endpoint;
    private URI url;

    @BeforeEach
    void start() throws Exception {
        runs = dir.resolve("runs.txt");
        release = dir.resolve("release");
        // A "trainer" that records its arguments and its environment's key id, then runs until released.
        Path trainer = Files.writeString(dir.resolve("trainer.sh"), "echo \"$AWS_ACCESS_KEY_ID $*\" >> " + runs
                + "\nwhile [ ! -f " + release + " ]; do sleep 0.05; done\n");
        int port = FreePorts.next();
        TrainerProcess process = new TrainerProcess(new TrainerProcess.Settings(List.of("sh", trainer.toString()),
                "http://localhost:9000", new S3Credentials("key-id", "secret"), "localhost:9092", "tea_model_b64",
                dir.resolve("logs")));
        endpoint = new TrainingEndpoint(port, new TrainingScheduler(process));
        endpoint.start();
        url = URI.create("http://localhost:" + port + "/");
    }

    @AfterEach
    void stop() throws Exception {
        Files.writeString(release, "");
        endpoint.close();
    }

    @Test
    void requestStartsTheTrainerWithTheEdgesBucketsAndCredentialsInTheEnvironment() throws Exception {
        HttpResponse<String> response = post("{\"id-edge\": \"edge1\", \"batch-id\": \"b-1\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).get("training").asText()).isEqualTo("started");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(runs));
        assertThat(Files.readString(runs)).startsWith("key-id ")
                .contains("--edge edge1").contains("--data-bucket edge1-data").contains("--models-bucket edge1-models")
                .contains("--ready-bucket edge1-ready").contains("--model-name tea_model_b64")
                .contains("--batch-id b-1").doesNotContain("secret");
    }

    @Test
    void requestsWhileRunningAreQueuedOnceAndNotLost() throws Exception {
        assertThat(JSON.readTree(post("{\"id-edge\": \"edge1\"}").body()).get("training").asText()).isEqualTo("started");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(runs));

        assertThat(JSON.readTree(post("{\"id-edge\": \"edge1\"}").body()).get("training").asText()).isEqualTo("queued");
        assertThat(JSON.readTree(post("{\"id-edge\": \"edge1\"}").body()).get("training").asText())
                .isEqualTo("already queued");
        assertThat(JSON.readTree(post("{\"id-edge\": \"edge2\"}").body()).get("training").asText()).isEqualTo("started");

        Files.writeString(release, "");
        await().atMost(Duration.ofSeconds(10)).until(() -> runsOf("edge1") == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(get().body()).get("training").isEmpty());
        assertThat(runsOf("edge1")).isEqualTo(2);
        assertThat(runsOf("edge2")).isEqualTo(1);
    }

    @Test
    void badRequestsAre400WithJsonError() throws Exception {
        for (String body : List.of("not json", "{}", "{\"id-edge\": \"Edge_1\"}")) {
            HttpResponse<String> response = post(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("error").asText()).contains("id-edge");
        }
        assertThat(Files.exists(runs)).isFalse();
    }

    private long runsOf(String edge) throws Exception {
        return Files.readAllLines(runs).stream().filter(line -> line.contains("--edge " + edge + " ")).count();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
