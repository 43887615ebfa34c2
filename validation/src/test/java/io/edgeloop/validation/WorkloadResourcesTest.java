package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.tekton.v1.Task;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.v1.Integration;
import org.apache.camel.v1.integrationspec.traits.Container;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every workload states what it needs and how it is checked: CPU and memory requests and limits everywhere;
 * liveness and readiness probes on everything that keeps running (Deployments, Integrations, the Artemis broker;
 * Strimzi sets its own probes). Jobs and Tekton steps run to completion: resources only.
 */
@ExtendWith(FileNameInFailures.class)
class WorkloadResourcesTest {

    static Stream<Named<Manifests.Site>> sites() {
        return Manifests.sites().stream().map(site -> Named.of(site.path(), site));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sites")
    void deploymentContainersHaveRequestsLimitsAndProbes(Manifests.Site site) {
        for (Deployment deployment : site.typed(Deployment.class)) {
            for (io.fabric8.kubernetes.api.model.Container container
                    : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String name = deployment.getMetadata().getName() + "/" + container.getName();
                assertRequestsAndLimits(name, container);
                assertThat(container.getLivenessProbe()).as("%s liveness probe", name).isNotNull();
                assertThat(container.getReadinessProbe()).as("%s readiness probe", name).isNotNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sites")
    void jobContainersHaveRequestsAndLimits(Manifests.Site site) {
        for (Job job : site.typed(Job.class)) {
            for (io.fabric8.kubernetes.api.model.Container container : job.getSpec().getTemplate().getSpec().getContainers()) {
                assertRequestsAndLimits(job.getMetadata().getName() + "/" + container.getName(), container);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sites")
    void integrationsHaveRequestsLimitsAndProbes(Manifests.Site site) {
        for (Integration integration : site.typed(Integration.class)) {
            String name = integration.getMetadata().getName();
            Container container = integration.getSpec().getTraits().getContainer();
            assertThat(container).as("%s container trait", name).isNotNull();
            assertThat(List.of(container.getRequestCPU(), container.getRequestMemory(), container.getLimitCPU(),
                    container.getLimitMemory())).as("%s requests and limits", name).doesNotContainNull();
            assertThat(integration.getSpec().getTraits().getHealth().getLivenessProbeEnabled()).as(name).isTrue();
            assertThat(integration.getSpec().getTraits().getHealth().getReadinessProbeEnabled()).as(name).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sites")
    void taskStepsHaveRequestsAndLimits(Manifests.Site site) {
        for (Task task : site.typed(Task.class)) {
            task.getSpec().getSteps().forEach(step -> {
                assertThat(step.getComputeResources().getRequests()).as(step.getName()).containsKeys("cpu", "memory");
                assertThat(step.getComputeResources().getLimits()).as(step.getName()).containsKeys("cpu", "memory");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sites")
    void operatorManagedWorkloadsHaveRequestsAndLimits(Manifests.Site site) {
        for (JsonNode pool : site.ofKind("KafkaNodePool")) {
            assertResources("KafkaNodePool " + Manifests.name(pool), pool.path("spec").path("resources"));
        }
        for (JsonNode kafka : site.ofKind("Kafka")) {
            kafka.path("spec").path("entityOperator").properties().forEach(operator ->
                    assertResources("Kafka entity operator " + operator.getKey(), operator.getValue().path("resources")));
        }
        for (JsonNode broker : site.ofKind("ActiveMQArtemis")) {
            JsonNode plan = broker.path("spec").path("deploymentPlan");
            assertResources("ActiveMQArtemis " + Manifests.name(broker), plan.path("resources"));
            assertThat(plan.has("livenessProbe") && plan.has("readinessProbe")).as("broker probes").isTrue();
        }
    }

    private static void assertRequestsAndLimits(String name, io.fabric8.kubernetes.api.model.Container container) {
        assertThat(container.getResources().getRequests()).as("%s requests", name).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).as("%s limits", name).containsKeys("cpu", "memory");
    }

    private static void assertResources(String name, JsonNode resources) {
        assertThat(resources.path("requests").has("cpu") && resources.path("requests").has("memory"))
                .as("%s requests", name).isTrue();
        assertThat(resources.path("limits").has("cpu") && resources.path("limits").has("memory"))
                .as("%s limits", name).isTrue();
    }
}
