package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Strimzi's (kafka.strimzi.io/v1beta2) and the Artemis operator's (broker.amq.io/v1beta1) resources have no typed
 * model here: the fields the manifests use are checked against the shape their CRDs document, and so is every
 * field present (a misspelled one is not in the known set).
 */
class OperatorResourcesTest {

    private static final Set<String> KAFKA_SPEC = Set.of("kafka", "entityOperator");
    private static final Set<String> KAFKA_CLUSTER = Set.of("listeners", "config", "template");
    private static final Set<String> LISTENER = Set.of("name", "port", "type", "tls", "configuration");
    private static final Set<String> LISTENER_TYPES = Set.of("internal", "route", "loadbalancer", "nodeport",
            "ingress", "cluster-ip");
    private static final Set<String> BROKER_OVERRIDE = Set.of("broker", "advertisedHost", "advertisedPort");
    private static final Set<String> NODE_POOL_SPEC = Set.of("replicas", "roles", "storage", "resources");
    private static final Set<String> JBOD_VOLUME = Set.of("id", "type", "size", "deleteClaim", "kraftMetadata");
    private static final Set<String> TOPIC_SPEC = Set.of("partitions", "replicas", "config");
    private static final Set<String> ARTEMIS_SPEC = Set.of("deploymentPlan", "acceptors");
    private static final Set<String> DEPLOYMENT_PLAN = Set.of("size", "requireLogin", "persistenceEnabled",
            "messageMigration", "resources", "readinessProbe", "livenessProbe");
    private static final Set<String> ACCEPTOR = Set.of("name", "protocols", "port");

    private static final String CLUSTER_LABEL = "strimzi.io/cluster";

    @Test
    void kafkaIsAKraftClusterWithNodePoolsAndPlainListeners() {
        List<GenericKubernetesResource> kafkas = Manifests.central().generic("Kafka");
        assertThat(kafkas).hasSize(1);
        GenericKubernetesResource kafka = kafkas.get(0);
        Map<String, Object> spec = map(kafka.getAdditionalProperties().get("spec"));

        assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(KAFKA_SPEC).containsAll(spec.keySet());
        Map<String, Object> cluster = map(spec.get("kafka"));
        assertThat(KAFKA_CLUSTER).containsAll(cluster.keySet());
        assertThat(cluster).doesNotContainKeys("replicas", "storage", "zookeeper");
        for (Object entry : list(cluster.get("listeners"))) {
            Map<String, Object> listener = map(entry);
            assertThat(LISTENER).containsAll(listener.keySet());
            assertThat(LISTENER_TYPES).contains((String) listener.get("type"));
            assertThat(listener.get("port")).isInstanceOf(Integer.class);
            assertThat(listener.get("tls")).isEqualTo(false);
            if (listener.containsKey("configuration")) {
                for (Object broker : list(map(listener.get("configuration")).get("brokers"))) {
                    assertThat(BROKER_OVERRIDE).containsAll(map(broker).keySet());
                }
            }
        }
        assertThat(map(spec.get("entityOperator"))).containsKey("topicOperator");
    }

    @Test
    void nodePoolsBelongToTheClusterAndHoldKraftMetadata() {
        String cluster = Manifests.central().generic("Kafka").get(0).getMetadata().getName();
        List<GenericKubernetesResource> pools = Manifests.central().generic("KafkaNodePool");

        assertThat(pools).isNotEmpty();
        Set<String> roles = new TreeSet<>();
        for (GenericKubernetesResource pool : pools) {
            Map<String, Object> spec = map(pool.getAdditionalProperties().get("spec"));
            assertThat(pool.getMetadata().getLabels()).containsEntry(CLUSTER_LABEL, cluster);
            assertThat(NODE_POOL_SPEC).containsAll(spec.keySet());
            assertThat(spec.get("replicas")).isInstanceOf(Integer.class);
            list(spec.get("roles")).forEach(role -> roles.add((String) role));
            Map<String, Object> storage = map(spec.get("storage"));
            assertThat(storage.get("type")).isEqualTo("jbod");
            for (Object volume : list(storage.get("volumes"))) {
                assertThat(JBOD_VOLUME).containsAll(map(volume).keySet());
                assertThat(map(volume).get("type")).isEqualTo("persistent-claim");
            }
        }
        assertThat(roles).containsExactlyInAnyOrder("broker", "controller");
    }

    @Test
    void topicsBelongToTheCluster() {
        String cluster = Manifests.central().generic("Kafka").get(0).getMetadata().getName();
        for (GenericKubernetesResource topic : Manifests.central().generic("KafkaTopic")) {
            Map<String, Object> spec = map(topic.getAdditionalProperties().get("spec"));
            assertThat(topic.getMetadata().getLabels()).containsEntry(CLUSTER_LABEL, cluster);
            assertThat(TOPIC_SPEC).containsAll(spec.keySet());
            assertThat(spec.get("partitions")).isInstanceOf(Integer.class);
            assertThat(spec.get("replicas")).isInstanceOf(Integer.class);
        }
    }

    @Test
    void artemisServesMqttAndMqttOverWebSocket() {
        for (Manifests.Site edge : Manifests.edges()) {
            List<GenericKubernetesResource> brokers = edge.generic("ActiveMQArtemis");
            assertThat(brokers).as(edge.path()).hasSize(1);
            Map<String, Object> spec = map(brokers.get(0).getAdditionalProperties().get("spec"));
            assertThat(ARTEMIS_SPEC).containsAll(spec.keySet());
            assertThat(DEPLOYMENT_PLAN).containsAll(map(spec.get("deploymentPlan")).keySet());
            Set<Object> ports = new TreeSet<>();
            for (Object entry : list(spec.get("acceptors"))) {
                Map<String, Object> acceptor = map(entry);
                assertThat(ACCEPTOR).containsAll(acceptor.keySet());
                assertThat(acceptor.get("protocols")).isEqualTo("mqtt");
                ports.add(acceptor.get("port"));
            }
            assertThat(ports).containsExactly(1883, 9001);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<?>) value;
    }
}
