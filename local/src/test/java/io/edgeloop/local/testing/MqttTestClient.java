package io.edgeloop.local.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A plain MQTT 5 client (TCP or WebSocket) that publishes and collects messages for assertions. */
public final class MqttTestClient implements AutoCloseable {

    /** A received message. */
    public record Received(String topic, String payload) {
    }

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private MqttTestClient(MqttClient client) {
        this.client = client;
    }

    public static MqttTestClient connect(String brokerUrl) throws Exception {
        MqttClient client = new MqttClient(brokerUrl, "test-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        return new MqttTestClient(client);
    }

    public MqttTestClient subscribe(String topicFilter) throws Exception {
        client.subscribe(new MqttSubscription[] {new MqttSubscription(topicFilter, 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, message) ->
                        received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)))});
        return this;
    }

    public void publish(String topic, String payload) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }

    /** The next message received, or null when none came within the timeout. */
    public Received next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The first message whose payload contains the marker, skipping others; null when none came in time. */
    public Received nextContaining(String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Received message = received.poll(left, TimeUnit.NANOSECONDS);
            if (message != null && message.payload().contains(marker)) {
                return message;
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
