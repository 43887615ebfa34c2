package io.edgeloop.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Delivery in mode pipelinerun, against a Kubernetes API server mock that stores what it is sent. */
@ExtendWith(EdgeLoopPlatformExtension.class)
class DeliveryPipelineRunTest {

    private static final String NAMESPACE = "edgeloop-test";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TRIGGER_TOPIC = "trigger-" + RUN;
    private static final String DLQ_TOPIC = "trigger-dlq-" + RUN;
    private static final String GROUP = "delivery-" + RUN;
    private static final CustomResourceDefinitionContext PIPELINE_RUNS = new CustomResourceDefinitionContext.Builder()
            .withName("pipelineruns.tekton.dev").withGroup("tekton.dev").withVersion("v1")
            .withPlural("pipelineruns").withKind("PipelineRun").withScope("Namespaced").build();

    private static TestPlatform platform;
    private static KubernetesMockServer kubernetes;
    private static NamespacedKubernetesClient client;
    private static RunningIntegration delivery;

    @BeforeAll
    static void start(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        kubernetes = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of(PIPELINE_RUNS)), false);
        kubernetes.init();
        client = kubernetes.createClient();
        delivery = platform.startIntegration(Site.CENTRAL, "delivery", Map.of(
                "delivery.mode", "pipelinerun",
                "delivery.kubernetes-master-url", client.getMasterUrl().toString(),
                "delivery.namespace", NAMESPACE,
                "delivery.trigger-topic", TRIGGER_TOPIC,
                "delivery.dlq-topic", DLQ_TOPIC,
                "delivery.consumer-group", GROUP,
                "delivery.cooldown", "500"));
    }

    @AfterAll
    static void stop() throws Exception {
        delivery.close();
        client.close();
        kubernetes.destroy();
    }

    @Test
    void triggersOfAnEdgeCreateOnePipelineRunOfTrainModelWithItsBuckets() throws Exception {
        String edge = "run-" + UUID.randomUUID().toString().substring(0, 6);

        trigger(edge, "20260101T100000Z-aaaa0001");
        trigger(edge, "20260101T100001Z-aaaa0002");

        // Committed: both triggers are done with, started or dead-lettered.
        await().atMost(Duration.ofSeconds(15)).until(() -> platform.kafka().committedOffsets(GROUP, TRIGGER_TOPIC)
                == platform.kafka().endOffsets(TRIGGER_TOPIC));
        assertThat(platform.kafka().readContaining(DLQ_TOPIC, edge)).isEmpty();
        assertThat(pipelineRuns(edge)).hasSize(1);
        GenericKubernetesResource run = pipelineRuns(edge).get(0);
        assertThat(run.getApiVersion()).isEqualTo("tekton.dev/v1");
        assertThat(run.getKind()).isEqualTo("PipelineRun");
        assertThat(run.getMetadata().getGenerateName()).isEqualTo("train-model-" + edge + "-");
        assertThat(run.getMetadata().getName()).startsWith("train-model-" + edge + "-");
        assertThat(run.getMetadata().getAnnotations())
                .containsEntry("edgeloop.io/batch-ids", "20260101T100000Z-aaaa0001,20260101T100001Z-aaaa0002");
        assertThat(run.<String>get("spec", "pipelineRef", "name")).isEqualTo("train-model");
        assertThat(run.<List<Map<String, Object>>>get("spec", "params")).containsExactly(
                Map.of("name", "s3bucket_data", "value", edge + "-data"),
                Map.of("name", "s3bucket_models", "value", edge + "-models"),
                Map.of("name", "s3bucket_ready", "value", edge + "-ready"),
                Map.of("name", "edge_id", "value", edge));
    }

    private static List<GenericKubernetesResource> pipelineRuns(String edge) {
        return client.genericKubernetesResources(PIPELINE_RUNS).inNamespace(NAMESPACE)
                .withLabel("edgeloop.io/edge", edge).list().getItems();
    }

    private static void trigger(String edge, String batchId) throws Exception {
        platform.kafka().send(TRIGGER_TOPIC, edge,
                "{\"edgeId\": \"" + edge + "\", \"batchId\": \"" + batchId + "\", \"images\": 1, \"classes\": [\"other\"]}");
    }
}
