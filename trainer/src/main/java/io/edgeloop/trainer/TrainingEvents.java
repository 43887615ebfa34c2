package io.edgeloop.trainer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Training progress as JSON events {@code {"name": "training", "stage": ...}} on the edge's Kafka topic
 * {@code <edgeId>}, which the edge monitor relays to the live monitor page. Without brokers, a no-op.
 */
class TrainingEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Producer<String, String> producer;
    private final String edgeId;

    private TrainingEvents(Producer<String, String> producer, String edgeId) {
        this.producer = producer;
        this.edgeId = edgeId;
    }

    static TrainingEvents to(String brokers, String edgeId) {
        if (brokers == null || brokers.isBlank()) {
            return new TrainingEvents(null, edgeId);
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // Progress must not hold training up: a missing broker costs at most a few seconds per event.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        return new TrainingEvents(new KafkaProducer<>(config), edgeId);
    }

    void send(String stage, Map<String, Object> details) {
        if (producer == null) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", "training");
        event.put("stage", stage);
        event.put("edgeId", edgeId);
        event.putAll(details);
        try {
            producer.send(new ProducerRecord<>(edgeId, edgeId, JSON.writeValueAsString(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
