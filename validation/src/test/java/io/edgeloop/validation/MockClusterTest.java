package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every site applied to one API server, fabric8's mock in CRUD mode (after the CustomResourceDefinitions the
 * operators would have installed, reduced to names and scope): every resource is accepted (no two share a name in a
 * namespace, cluster-wide names of the sites do not collide) and reads back as it was sent. The mock checks no
 * schema and runs no controller: what it proves is the set's consistency as API objects, not that it runs.
 */
@EnableKubernetesMockClient(crud = true)
class MockClusterTest {

    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "networking.k8s.io",
            "rbac.authorization.k8s.io");
    /** Plurals that are not the kind in lower case plus "s". */
    private static final Map<String, String> PLURALS = Map.of("ActiveMQArtemis", "activemqartemises");

    KubernetesClient client;

    @Test
    void everySiteAppliesToOneApiServerAndReadsBackUnchanged() {
        installCustomResourceDefinitions();
        List<HasMetadata> applied = new ArrayList<>();
        for (Manifests.Site site : Manifests.sites()) {
            for (ObjectNode document : site.ofKind("Namespace")) {
                applied.add(client.resource(ManifestModels.read(document)).create());
            }
        }
        for (Manifests.Site site : Manifests.sites()) {
            for (ObjectNode document : site.documents()) {
                if (!document.path("kind").asText().equals("Namespace")) {
                    applied.add(client.resource(ManifestModels.read(document)).create());
                }
            }
        }

        int documents = Manifests.sites().stream().mapToInt(site -> site.documents().size()).sum();
        assertThat(applied).hasSize(documents);
        for (Manifests.Site site : Manifests.sites()) {
            for (ObjectNode document : site.documents()) {
                HasMetadata sent = ManifestModels.read(document);
                HasMetadata stored = client.resource(sent).get();
                assertThat(stored).as(Kustomize.id(document)).isNotNull();
                assertThat(withoutServerFields(stored)).as(Kustomize.id(document)).isEqualTo(withoutServerFields(sent));
            }
        }
    }

    @Test
    void aSecondInstallationOfTheSameSiteIsRefused() {
        installCustomResourceDefinitions();
        Manifests.Site site = Manifests.edges().get(0);
        HasMetadata integration = ManifestModels.read(site.ofKind("Integration").get(0));
        client.resource(integration).create();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> client.resource(integration).create()))
                .as("the mock enforces unique names").hasMessageContaining("409");
    }

    private void installCustomResourceDefinitions() {
        Map<String, CustomResourceDefinition> definitions = new LinkedHashMap<>();
        for (Manifests.Site site : Manifests.sites()) {
            for (ObjectNode document : site.documents()) {
                String apiVersion = document.path("apiVersion").asText();
                String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                if (!BUILT_IN_GROUPS.contains(group)) {
                    String kind = document.path("kind").asText();
                    String plural = PLURALS.getOrDefault(kind, kind.toLowerCase(Locale.ROOT) + "s");
                    definitions.putIfAbsent(plural + "." + group, new CustomResourceDefinitionBuilder()
                            .withNewMetadata().withName(plural + "." + group).endMetadata()
                            .withNewSpec().withGroup(group).withScope(Kustomize.clusterScoped(document)
                                    ? "Cluster" : "Namespaced")
                            .withNewNames().withKind(kind).withPlural(plural)
                            .withSingular(kind.toLowerCase(Locale.ROOT)).endNames()
                            .addNewVersion().withName(apiVersion.substring(apiVersion.indexOf('/') + 1))
                            .withServed(true).withStorage(true)
                            .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                            .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                            .endVersion().endSpec().build());
                }
            }
        }
        definitions.values().forEach(definition ->
                client.apiextensions().v1().customResourceDefinitions().resource(definition).create());
    }

    /** The object as sent: without what the server adds (uid, resourceVersion, creationTimestamp...). */
    private static Object withoutServerFields(HasMetadata resource) {
        ObjectNode tree = CamelYamlDsl.YAML.valueToTree(resource);
        ObjectNode metadata = (ObjectNode) tree.path("metadata");
        metadata.remove(List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields"));
        tree.remove("status");
        if (resource instanceof GenericKubernetesResource) {
            tree.remove("additionalProperties");
        }
        return tree;
    }
}
