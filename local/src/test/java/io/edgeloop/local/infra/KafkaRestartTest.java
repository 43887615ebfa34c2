package io.edgeloop.local.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka's log is under data.dir: a restart on the same directory has the topics, records and consumer offsets. */
class KafkaRestartTest {

    @Test
    void topicsRecordsAndCommittedOffsetsSurviveARestart(@TempDir Path dataDir) throws Exception {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        EmbeddedKafka kafka = new EmbeddedKafka(port, controllerPort, dataDir.resolve("kafka"));
        kafka.start();
        try {
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            for (String batch : List.of("b1", "b2", "b3")) {
                client.send("trigger", "edge1", "{\"batchId\": \"" + batch + "\"}");
            }
            // delivery's group has handled the first two triggers
            try (KafkaConsumer<String, String> delivery = consumer(kafka.bootstrapServers())) {
                delivery.commitSync(Map.of(new TopicPartition("trigger", 0), new OffsetAndMetadata(2)));
            }
        } finally {
            kafka.close();
        }

        EmbeddedKafka restarted = new EmbeddedKafka(port, controllerPort, dataDir.resolve("kafka"));
        restarted.start();
        try {
            KafkaTestClient client = new KafkaTestClient(restarted.bootstrapServers());
            assertThat(client.readContaining("trigger", "batchId")).containsExactly("{\"batchId\": \"b1\"}",
                    "{\"batchId\": \"b2\"}", "{\"batchId\": \"b3\"}");
            assertThat(client.committedOffsets("delivery", "trigger")).isEqualTo(2);
            try (KafkaConsumer<String, String> delivery = consumer(restarted.bootstrapServers())) {
                delivery.subscribe(List.of("trigger"));
                List<String> next = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (next.isEmpty() && System.nanoTime() < deadline) {
                    delivery.poll(Duration.ofMillis(200)).forEach(record -> next.add(record.value()));
                }
                assertThat(next).as("the group goes on where it stopped").containsExactly("{\"batchId\": \"b3\"}");
            }
        } finally {
            restarted.close();
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "delivery",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }
}
