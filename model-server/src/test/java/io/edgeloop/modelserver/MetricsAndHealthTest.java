package io.edgeloop.modelserver;

import static io.edgeloop.modelserver.RestClient.oneImage;
import static io.edgeloop.modelserver.testing.TrainedModels.NAME;
import static io.edgeloop.modelserver.testing.TrainedModels.photo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeloop.modelserver.testing.TrainedModels;
import io.edgeloop.modelserver.testing.TrainedModels.Model;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prometheus metrics at TF Serving's path, the health answer, and the embedding API's start and stop. */
class MetricsAndHealthTest {

    private static final String PREDICT = "/v1/models/" + NAME + ":predict";
    /** A sample line of the text exposition format. */
    private static final String SAMPLE = "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\",?)*})? "
            + "(-?[0-9.]+(E-?[0-9]+)?|\\+Inf|NaN)";

    @TempDir
    Path base;

    @Test
    void metricsCountRequestsByModelApiAndStatusAndTimeThem() throws Exception {
        TrainedModels.install(base, 1, Model.TEA);
        try (ModelServer server = start()) {
            RestClient client = new RestClient(server.port());
            client.post(PREDICT, oneImage(photo(0)));
            client.post(PREDICT, oneImage(photo(1)));
            client.post(PREDICT, "{}");
            client.post("/v1/models/nope:predict", oneImage(photo(0)));
            client.get("/v1/models/" + NAME);

            RestClient.Reply reply = client.get("/monitoring/prometheus/metrics");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            List<String> lines = Arrays.asList(reply.body().split("\n"));
            assertThat(lines).contains(
                    ":tensorflow:serving:request_count{model_name=\"" + NAME
                            + "\",API=\"predict\",entrypoint=\"REST\",status=\"OK\"} 2",
                    ":tensorflow:serving:request_count{model_name=\"" + NAME
                            + "\",API=\"predict\",entrypoint=\"REST\",status=\"INVALID_ARGUMENT\"} 1",
                    ":tensorflow:serving:request_count{model_name=\"unknown\",API=\"predict\",entrypoint=\"REST\","
                            + "status=\"NOT_FOUND\"} 1",
                    ":tensorflow:serving:request_count{model_name=\"" + NAME
                            + "\",API=\"GetModelStatus\",entrypoint=\"REST\",status=\"OK\"} 1",
                    ":tensorflow:serving:request_latency_bucket{model_name=\"" + NAME
                            + "\",API=\"predict\",entrypoint=\"REST\",le=\"+Inf\"} 3",
                    ":tensorflow:serving:request_latency_count{model_name=\"" + NAME
                            + "\",API=\"predict\",entrypoint=\"REST\"} 3",
                    "# TYPE :tensorflow:serving:request_latency histogram",
                    "edgeloop_model_server_loaded_versions{model_name=\"" + NAME + "\"} 1",
                    "edgeloop_model_server_serving_version{model_name=\"" + NAME + "\"} 1",
                    "edgeloop_model_server_version_loads_total{model_name=\"" + NAME + "\",outcome=\"success\"} 1");
            assertThat(lines).filteredOn(line -> !line.startsWith("#")).allMatch(line -> line.matches(SAMPLE));
            assertThat(lines).filteredOn(line -> line.startsWith(":tensorflow:serving:request_latency_bucket{model_name"
                    + "=\"" + NAME + "\",API=\"predict\"")).hasSize(34);
        }
    }

    @Test
    void healthIsOkOnceAVersionIsAvailable() throws Exception {
        TrainedModels.install(base, 1, Model.TEA);
        try (ModelServer server = start()) {
            RestClient.Reply reply = new RestClient(server.port()).get("/healthz");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json()).isEqualTo(RestClient.JSON.createObjectNode().put("model_name", NAME)
                    .set("available_versions", RestClient.JSON.createArrayNode().add("1")));
        }
    }

    @Test
    void withoutAnyVersionTheServerRunsButIsNotReady() throws Exception {
        try (ModelServer server = ModelServer.start(ServerSettings.defaults(NAME, base.resolve("not-yet"))
                .withRestPort(0))) {
            RestClient client = new RestClient(server.port());

            assertThat(client.get("/healthz").status()).isEqualTo(503);
            assertThat(client.get("/healthz").error()).isEqualTo("No version of model " + NAME + " is AVAILABLE");
            assertThat(client.get("/v2/health/ready").status()).isEqualTo(503);
            assertThat(client.get("/v2/health/ready").json().get("ready").asBoolean()).isFalse();
            assertThat(client.get("/v2/health/live").status()).isEqualTo(200);
            assertThat(client.get("/v1/models/" + NAME).error()).isEqualTo("Could not find any versions of model "
                    + NAME);
            assertThat(client.post(PREDICT, oneImage(photo(0))).error()).isEqualTo(
                    "Servable not found for request: Latest(" + NAME + ")");
            String metrics = client.get("/monitoring/prometheus/metrics").body();
            assertThat(metrics).contains("edgeloop_model_server_loaded_versions{model_name=\"" + NAME + "\"} 0")
                    .doesNotContain("edgeloop_model_server_serving_version{");
        }
    }

    @Test
    void anEmbeddedServerPicksAFreePortAndStopsListeningWhenClosed() throws Exception {
        TrainedModels.install(base, 1, Model.TEA);
        ModelServer server = start();
        int port = server.port();
        assertThat(port).isPositive();
        assertThat(server.modelName()).isEqualTo(NAME);
        assertThat(server.availableVersions()).containsExactly(1L);

        server.close();

        assertThat(server.availableVersions()).isEmpty();
        assertThatThrownBy(() -> new RestClient(port).get("/healthz"))
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void aTakenPortFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> ModelServer.start(ServerSettings.defaults(NAME, base)
                    .withRestPort(taken.getLocalPort()))).isInstanceOf(IOException.class);
        }
    }

    private ModelServer start() throws IOException {
        return ModelServer.start(ServerSettings.defaults(NAME, base).withRestPort(0));
    }
}
