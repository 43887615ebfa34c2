package io.edgeloop.local.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.apache.camel.telemetry.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EdgeLoopPlatformExtension.class)
class IntegrationRunnerTest {

    @Test
    void anIntegrationWhosePortIsTakenFailsToStart(TestPlatform platform) throws Exception {
        try (ServerSocket taken = new ServerSocket(FreePorts.next(), 50, InetAddress.getByName("0.0.0.0"))) {
            assertThatThrownBy(() -> platform.startIntegrationOn(taken.getLocalPort(), Site.EDGE, "price-engine", Map.of()))
                    .hasMessageContaining("price-engine cannot listen on port " + taken.getLocalPort());
        }
    }

    @Test
    void integrationsRunWithoutTracingButWithTheirMetrics(TestPlatform platform) throws Exception {
        try (RunningIntegration priceEngine = platform.startIntegration(Site.EDGE, "price-engine")) {
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(priceEngine.url("/price?item=other")).build(), HttpResponse.BodyHandlers.discarding());
            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(priceEngine.url("/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString());

            // camel-observability-services would start an OpenTelemetry tracer; the platform has no exporter for it.
            assertThat(priceEngine.camelContext().hasServices(Tracer.class)).isEmpty();
            assertThat(metrics.body()).contains("camel_route_policy_seconds_count{camelContext=\"price-engine\"");
        }
    }
}
