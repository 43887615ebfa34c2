package io.edgeloop.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.tekton.triggers.v1beta1.TriggerResourceTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.v1.Integration;
import org.apache.camel.v1.Kamelet;
import org.apache.camel.v1.kameletspec.Template;

/**
 * The typed model of each kind the manifests hold, read strictly (see {@link StrictModelReader}): fabric8's
 * Kubernetes and Tekton models, Camel K's {@code camel-k-crds}. Strimzi's and Artemis' resources have no model here:
 * they are read as {@link GenericKubernetesResource} and {@link OperatorResourcesTest} checks the fields we rely on.
 */
final class ManifestModels {

    /** Kinds without a typed model here, by {@code "<apiVersion> <kind>"}. */
    static final Set<String> GENERIC = Set.of("kafka.strimzi.io/v1beta2 Kafka", "kafka.strimzi.io/v1beta2 KafkaNodePool",
            "kafka.strimzi.io/v1beta2 KafkaTopic", "broker.amq.io/v1beta1 ActiveMQArtemis");

    /**
     * The one field newer than camel-k-crds 2.4.0 (the newest model the build can fetch) that the Integrations use:
     * the camel trait's runtimeProvider (newer Camel K releases, see docs/deploy.md); {@link IntegrationManifestTest} checks its value.
     */
    static final Map<Class<?>, Set<String>> NEWER_FIELDS = Map.of(
            org.apache.camel.v1.integrationspec.traits.Camel.class, Set.of("runtimeProvider"));

    private static final Map<String, Class<? extends HasMetadata>> KINDS = kinds();
    private static final StrictModelReader READER = new StrictModelReader(NEWER_FIELDS, Template.class,
            TriggerResourceTemplate.class, GenericKubernetesResource.class);

    private ManifestModels() {
    }

    static String key(JsonNode document) {
        return document.path("apiVersion").asText() + " " + document.path("kind").asText();
    }

    /** The model class of the document's kind; an unexpected kind fails. */
    static Class<? extends HasMetadata> typeOf(JsonNode document) {
        Class<? extends HasMetadata> type = KINDS.get(key(document));
        if (type == null) {
            throw new AssertionError("unexpected kind '" + key(document) + "' (" + Manifests.name(document)
                    + "): give it a model in ManifestModels");
        }
        return type;
    }

    static HasMetadata read(JsonNode document) {
        try {
            return READER.convert(document, typeOf(document));
        } catch (IOException e) {
            throw new UncheckedIOException(Kustomize.id(document) + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Class<? extends HasMetadata>> kinds() {
        Map<String, Class<? extends HasMetadata>> kinds = new HashMap<>(TektonResources.KINDS);
        Stream.of(Namespace.class, ConfigMap.class, Secret.class, Service.class, ServiceAccount.class,
                        PersistentVolumeClaim.class, Deployment.class, Job.class, Ingress.class, Role.class,
                        Integration.class, Kamelet.class)
                .forEach(type -> kinds.put(key(type), type));
        GENERIC.forEach(key -> kinds.put(key, GenericKubernetesResource.class));
        return Map.copyOf(kinds);
    }

    private static String key(Class<? extends HasMetadata> type) {
        String group = HasMetadata.getGroup(type);
        String version = HasMetadata.getVersion(type);
        return (group == null || group.isEmpty() ? version : group + "/" + version) + " " + HasMetadata.getKind(type);
    }
}
