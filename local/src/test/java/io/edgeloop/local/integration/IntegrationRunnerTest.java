package io.edgeloop.local.integration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.TestPlatform;
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
}
