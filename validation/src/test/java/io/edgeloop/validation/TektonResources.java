package io.edgeloop.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.tekton.triggers.v1beta1.EventListener;
import io.fabric8.tekton.triggers.v1beta1.TriggerBinding;
import io.fabric8.tekton.triggers.v1beta1.TriggerResourceTemplate;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplate;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The resources of {@code tekton/}, each document read strictly (see {@link StrictModelReader}) into the fabric8
 * class of its {@code apiVersion} and {@code kind}: Tekton v1, Triggers v1beta1, the EventListener's account and
 * (in samples) the S3 Secret.
 */
final class TektonResources {

    /** The kinds {@code tekton/} may hold, by {@code "<apiVersion> <kind>"}; anything else is an error. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Stream.of(
                    Task.class, TaskRun.class, Pipeline.class, PipelineRun.class,
                    TriggerBinding.class, TriggerTemplate.class, EventListener.class,
                    ServiceAccount.class, RoleBinding.class, ClusterRoleBinding.class, Secret.class)
            .collect(Collectors.toUnmodifiableMap(TektonResources::key, Function.identity()));

    // A trigger template's resources are held as maps by design; pipelineRun() reads them strictly.
    private static final StrictModelReader READER = new StrictModelReader(TriggerResourceTemplate.class);

    /** A resource and the file it came from. */
    record Resource(Path file, HasMetadata model) {
    }

    private TektonResources() {
    }

    /** Every document of the file, typed by its kind. */
    static List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        for (JsonNode document : READER.documents(file)) {
            resources.add(read(document));
        }
        return resources;
    }

    /** Every document of the YAML text, typed by its kind. */
    static List<HasMetadata> read(String yaml) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        for (JsonNode document : READER.documents(yaml)) {
            resources.add(read(document));
        }
        return resources;
    }

    /** The PipelineRun a trigger template creates, read as strictly as a file. */
    static PipelineRun pipelineRun(TriggerResourceTemplate template) throws IOException {
        Map<String, Object> content = template.getAdditionalProperties();
        String kind = content.get("apiVersion") + " " + content.get("kind");
        if (!kind.equals(key(PipelineRun.class))) {
            throw new IllegalArgumentException("a trigger template must create a " + key(PipelineRun.class)
                    + ", not a " + kind);
        }
        return READER.convert(content, PipelineRun.class);
    }

    /** The resources of the kustomize base: every file of {@code tekton/} but the samples and tests. */
    static List<Resource> base() {
        return RepositoryFiles.tekton().stream().filter(file -> !RepositoryFiles.isTektonExample(file))
                .flatMap(TektonResources::resources).toList();
    }

    /** The resources of the {@code samples/} and {@code tests/} of every catalog entry. */
    static List<Resource> examples() {
        return RepositoryFiles.tekton().stream().filter(RepositoryFiles::isTektonExample)
                .flatMap(TektonResources::resources).toList();
    }

    static <T extends HasMetadata> List<T> ofKind(List<Resource> resources, Class<T> type) {
        return resources.stream().map(Resource::model).filter(type::isInstance).map(type::cast).toList();
    }

    /** The base resource of this kind and name, if there is one. */
    static <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return ofKind(base(), type).stream().filter(model -> name.equals(model.getMetadata().getName())).findFirst();
    }

    /** The base resource of this kind and name; a check that needs it fails without it. */
    static <T extends HasMetadata> T require(Class<T> type, String name) {
        return named(type, name).orElseThrow(() -> new AssertionError(
                "no " + type.getSimpleName() + " " + name + " in the kustomize base"));
    }

    private static Stream<Resource> resources(Path file) {
        try {
            return read(file).stream().map(model -> new Resource(file, model));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(RepositoryFiles.relative(file) + ": " + e.getMessage(), e);
        }
    }

    private static HasMetadata read(JsonNode document) throws IOException {
        if (!document.isObject()) {
            throw new IllegalArgumentException("a document must be a Kubernetes resource, not " + document);
        }
        String kind = document.path("apiVersion").asText() + " " + document.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("unexpected kind '" + kind + "', expected one of " + KINDS.keySet());
        }
        return READER.convert(document, type);
    }

    private static String key(Class<? extends HasMetadata> type) {
        String group = HasMetadata.getGroup(type);
        String apiVersion = group == null || group.isEmpty()
                ? HasMetadata.getVersion(type) : group + "/" + HasMetadata.getVersion(type);
        return apiVersion + " " + HasMetadata.getKind(type);
    }
}
