package io.edgeloop.local.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * An ActiveMQ Artemis broker speaking MQTT on a TCP port and MQTT over WebSocket on another
 * (Artemis detects the WebSocket upgrade on an MQTT acceptor), for devices and browser pages alike.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private final String name;
    private final int tcpPort;
    private final int webSocketPort;
    private EmbeddedActiveMQ broker;

    /** @param name unique among the brokers of one JVM */
    public EmbeddedMqttBroker(String name, int tcpPort, int webSocketPort) {
        this.name = name;
        this.tcpPort = tcpPort;
        this.webSocketPort = webSocketPort;
    }

    public void start() throws Exception {
        requireFree(tcpPort);
        requireFree(webSocketPort);
        Configuration config = new ConfigurationImpl()
                .setName(name)
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("mqtt", "tcp://0.0.0.0:" + tcpPort + "?protocols=MQTT");
        config.addAcceptorConfiguration("mqtt-ws", "tcp://0.0.0.0:" + webSocketPort + "?protocols=MQTT");
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        // Taken in the meantime: Artemis logs an acceptor that cannot bind its port and runs on without it.
        for (var acceptor : broker.getActiveMQServer().getRemotingService().getAcceptors().entrySet()) {
            if (!acceptor.getValue().isStarted()) {
                close();
                throw new IllegalStateException("MQTT broker " + name + ": acceptor " + acceptor.getKey()
                        + " could not listen (port " + tcpPort + " or " + webSocketPort + " in use?)");
            }
        }
    }

    /** Artemis may log a port it cannot bind and run without it: a taken port fails the start instead. */
    private void requireFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException("MQTT broker " + name + " could not listen on port " + port
                    + ": " + e.getMessage());
        }
    }

    public String tcpUrl() {
        return "tcp://localhost:" + tcpPort;
    }

    public String webSocketUrl() {
        return "ws://localhost:" + webSocketPort + "/mqtt";
    }

    @Override
    public void close() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }
}
