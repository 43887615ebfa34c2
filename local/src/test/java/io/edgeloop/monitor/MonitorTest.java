package io.edgeloop.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.MqttTestClient;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EdgeLoopPlatformExtension.class)
class MonitorTest {

    @Test
    void centralEventsOfTheEdgeReachTheMonitorTopicUnchanged(TestPlatform platform) throws Exception {
        String edge = platform.config().edgeId();
        try (MqttTestClient monitor = platform.mqttOverTcp().subscribe("monitor");
                RunningIntegration relay = platform.startIntegration(Site.EDGE, "monitor")) {
            String marker = UUID.randomUUID().toString();
            String event = "{\"name\":\"training\",\"stage\":\"epoch\",\"edgeId\":\"" + edge
                    + "\",\"epoch\":3,\"epochs\":20,\"accuracy\":0.91,\"run\":\"" + marker + "\"}";
            String otherEdge = "{\"name\":\"training\",\"stage\":\"started\",\"run\":\"" + marker + "-other\"}";

            // The consumer starts at the latest offset: keep sending until it has joined and relays.
            MqttTestClient.Received received = null;
            for (int attempt = 0; attempt < 30 && received == null; attempt++) {
                platform.kafka().send("edge-not-this-one", edge, otherEdge);
                platform.kafka().send(edge, edge, event);
                received = monitor.nextContaining(marker, Duration.ofSeconds(1));
            }

            assertThat(received).as("an event relayed within 30 s").isNotNull();
            assertThat(received.payload()).isEqualTo(event);
            assertThat(received.topic()).isEqualTo("monitor");
        }
    }
}
