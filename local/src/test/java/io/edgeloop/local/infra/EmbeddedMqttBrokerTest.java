package io.edgeloop.local.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;

import io.edgeloop.local.testing.FreePorts;
import org.junit.jupiter.api.Test;

class EmbeddedMqttBrokerTest {

    @Test
    void aPortInUseFailsTheStartInsteadOfABrokerWithoutItsAcceptor() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            EmbeddedMqttBroker broker = new EmbeddedMqttBroker("port-clash", taken.getLocalPort(), FreePorts.next());

            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not listen").hasMessageContaining(Integer.toString(taken.getLocalPort()));
            broker.close();
        }
    }
}
