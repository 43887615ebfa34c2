package io.edgeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.edgeloop.local.LocalPlatform;
import io.edgeloop.local.PlatformConfig;
import io.edgeloop.local.integration.Integration;
import io.edgeloop.local.integration.IntegrationRunner;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.modelserver.ModelServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code edgeloop up} starts: every listed port answers, and everything is released on close. */
class LocalPlatformStartTest {

    private static final List<String> INFRASTRUCTURE_PORTS =
            List.of("kafka.port", "s3.central.port", "s3.edge.port", "mqtt.port", "mqtt.ws-port");
    private static final String ADMIN_TOKEN = "laptop-admin-token";

    @Test
    void everyPortAnswersAndIsReleasedOnClose(@TempDir Path dataDir) throws Exception {
        Map<String, String> settings = FreePorts.platformSettings(dataDir);
        settings.put(LocalPlatform.ADMIN_TOKEN, ADMIN_TOKEN);
        PlatformConfig config = PlatformConfig.load(null, Map.of(), settings);
        List<Integer> ports;
        try (LocalPlatform platform = new LocalPlatform(config)) {
            platform.start();

            assertThat(platform.trainingEndpointRunning()).as("the trainer is on the CLI's classpath").isTrue();
            ports = platformPorts(platform);
            for (int port : ports) {
                assertThat(answers(port)).as("port %d answers", port).isTrue();
            }
            assertThat(platform.integrations()).extracting(r -> r.integration().name())
                    .as("every integration with route files is started")
                    .containsAll(integrationsWithRouteFiles(config));
            HttpResponse<String> price = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + config.port("price-engine.port") + "/price?item=tea-green")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(price.body()).contains("\"price\"").contains("2.99");
            assertThat(adminStatus(config, null).statusCode()).as("the shopper got the admin token").isEqualTo(401);
            assertThat(adminStatus(config, "Bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(200);

            try (ModelServer modelServer = LocalModelServer.start(platform, platform.config().edgeId())) {
                HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + config.port("model-server.port") + "/v1/models/tea_model_b64")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(status.statusCode()).as("no version delivered yet").isEqualTo(404);
                assertThat(status.body()).isEqualTo("{\"error\":\"Could not find any versions of model tea_model_b64\"}");
                assertThat(platform.modelRepository().resolve("tea_model_b64")).isDirectory();
                assertThat(platform.modelRepository().resolve("models.config")).as("served by its model config file, "
                        + "which the manager rewrites on a pin").content().contains("name: \"tea_model_b64\"")
                        .doesNotContain("specific");
                assertThat(modelServer.grpcPort()).isEqualTo(config.port("model-server.grpc-port"));
                assertThat(answers(modelServer.grpcPort())).as("the gRPC port answers").isTrue();

                String banner = new ReadyBanner(platform, List.of(modelServer)).render(1234);
                assertThat(banner).contains("EdgeLoop is ready in 1234 ms (edge edge1)")
                        .contains("http://localhost:" + config.port("shopper.port") + "/ui/")
                        .contains("http://localhost:" + config.port("model-server.port") + "/v1/models/tea_model_b64")
                        .contains("localhost:" + config.port("model-server.grpc-port") + "  (TF Serving's")
                        .contains(platform.infrastructure().mqtt().webSocketUrl())
                        .contains(platform.infrastructure().centralS3().endpoint())
                        .contains("client/detect.sh")
                        .contains("Admin and shipping endpoints: they need Authorization: Bearer <shopper.admin-token>")
                        .doesNotContain(ADMIN_TOKEN);
            }
        }
        for (int port : ports) {
            assertThat(answers(port)).as("port %d is released", port).isFalse();
        }
    }

    @Test
    void startFailsClearlyWhenAPortIsTaken(@TempDir Path dataDir) throws Exception {
        Map<String, String> settings = FreePorts.platformSettings(dataDir);
        try (ServerSocket taken = new ServerSocket(0)) {
            settings.put("s3.edge.port", Integer.toString(taken.getLocalPort()));
            try (LocalPlatform platform = new LocalPlatform(PlatformConfig.load(null, Map.of(), settings))) {
                assertThatThrownBy(platform::start).isInstanceOf(Exception.class);
            }
            // what had started before the failure was stopped again
            assertThat(answers(Integer.parseInt(settings.get("kafka.port")))).isFalse();
        }
    }

    private static HttpResponse<String> adminStatus(PlatformConfig config, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + config.port("shopper.port")
                + "/admin/status"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Integer> platformPorts(LocalPlatform platform) {
        List<Integer> ports = new java.util.ArrayList<>();
        INFRASTRUCTURE_PORTS.forEach(key -> ports.add(platform.config().port(key)));
        platform.integrations().stream().map(IntegrationRunner::port).forEach(ports::add);
        ports.add(platform.config().port("pipeline.port"));
        return ports;
    }

    private static List<String> integrationsWithRouteFiles(PlatformConfig config) {
        return Integration.ALL.stream().filter(i -> !i.routeFiles(config.home()).isEmpty())
                .map(Integration::name).toList();
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
