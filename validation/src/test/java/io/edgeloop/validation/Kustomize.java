package io.edgeloop.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.manifests.ManifestYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of kustomize that {@code manifests/} uses, so that the tests check what {@code kubectl apply -k} would
 * apply without kustomize on the machine: {@code resources} (files and kustomization directories),
 * {@code namespace} (also on ServiceAccount subjects of role bindings), {@code labels} (metadata only),
 * {@code configMapGenerator} and {@code secretGenerator} ({@code files}, {@code envs}, {@code literals},
 * {@code behavior}, always without the name hash) and {@code patches} (strategic merge patches applied as JSON
 * merge patches, which is what kustomize does for custom resources and for patches that set no list; JSON 6902
 * patches with add, remove, replace and test). Anything else in a kustomization fails instead of being ignored, and
 * so does a file outside the kustomization's directory (kustomize's load restrictor). Where kubectl is installed,
 * {@link KubectlKustomizeCrossCheckTest} compares the two.
 */
final class Kustomize {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
            "configMapGenerator", "secretGenerator", "generatorOptions", "patches");
    private static final Set<String> GENERATOR_FIELDS = Set.of("name", "behavior", "files", "envs", "literals",
            "options");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "IngressClass", "PriorityClass",
            "ClusterInterceptor", "ClusterTriggerBinding", "ClusterTask");

    private final boolean examplesForMissingEnvFiles;

    /**
     * @param examplesForMissingEnvFiles read {@code x.env.example} where the git-ignored {@code x.env} of a
     *                                   generator is missing (as in a fresh clone)
     */
    Kustomize(boolean examplesForMissingEnvFiles) {
        this.examplesForMissingEnvFiles = examplesForMissingEnvFiles;
    }

    /** The resources {@code kubectl kustomize dir} prints, in no particular order. */
    List<ObjectNode> build(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        Path file = dir.resolve("kustomization.yaml");
        JsonNode kustomization = ManifestYaml.MAPPER.readTree(file.toFile());
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(file + ": '" + field + "' is not supported by this reader");
            }
        });
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                for (ObjectNode built : build(resource)) {
                    add(resources, built);
                }
            } else {
                for (JsonNode document : ManifestYaml.MAPPER.readerFor(JsonNode.class)
                        .<JsonNode>readValues(within(dir, resource).toFile()).readAll()) {
                    if (document != null && !document.isNull() && !document.isMissingNode()) {
                        add(resources, (ObjectNode) document);
                    }
                }
            }
        }
        boolean noHash = kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false);
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            generate(resources, "ConfigMap", generator, dir, noHash);
        }
        for (JsonNode generator : kustomization.path("secretGenerator")) {
            generate(resources, "Secret", generator, dir, noHash);
        }
        for (JsonNode patch : kustomization.path("patches")) {
            patch(resources, patch, dir);
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            resources.forEach(resource -> setNamespace(resource, namespace));
        }
        for (JsonNode labels : kustomization.path("labels")) {
            if (labels.path("includeSelectors").asBoolean(false) || labels.path("includeTemplates").asBoolean(false)) {
                throw new IllegalArgumentException(file + ": labels on selectors or templates are not supported");
            }
            resources.forEach(resource -> resource.withObjectProperty("metadata").withObjectProperty("labels")
                    .setAll((ObjectNode) labels.path("pairs")));
        }
        return resources;
    }

    static String id(JsonNode resource) {
        JsonNode metadata = resource.path("metadata");
        return resource.path("apiVersion").asText() + " " + resource.path("kind").asText() + " "
                + metadata.path("namespace").asText("") + "/" + metadata.path("name").asText();
    }

    static boolean clusterScoped(JsonNode resource) {
        return CLUSTER_SCOPED.contains(resource.path("kind").asText());
    }

    private static void add(List<ObjectNode> resources, ObjectNode resource) {
        String id = id(resource);
        if (resources.stream().anyMatch(existing -> id(existing).equals(id))) {
            throw new IllegalArgumentException("resource added twice: " + id);
        }
        resources.add(resource);
    }

    private void generate(List<ObjectNode> resources, String kind, JsonNode generator, Path dir, boolean noHash)
            throws IOException {
        generator.fieldNames().forEachRemaining(field -> {
            if (!GENERATOR_FIELDS.contains(field)) {
                throw new IllegalArgumentException(kind + " generator field '" + field + "' is not supported");
            }
        });
        String name = generator.path("name").asText();
        if (!noHash && !generator.path("options").path("disableNameSuffixHash").asBoolean(false)) {
            throw new IllegalArgumentException(kind + " " + name + ": a generated name with a content hash is not "
                    + "rewritten in custom resources (an Integration's mount trait): set disableNameSuffixHash");
        }
        if (generator.path("options").size() > 1) {
            throw new IllegalArgumentException(kind + " " + name + ": only the option disableNameSuffixHash is supported");
        }
        ObjectNode data = ManifestYaml.MAPPER.createObjectNode();
        for (JsonNode entry : generator.path("files")) {
            String spec = entry.asText();
            int equals = spec.indexOf('=');
            Path source = within(dir, dir.resolve(equals < 0 ? spec : spec.substring(equals + 1)).normalize());
            data.put(equals < 0 ? source.getFileName().toString() : spec.substring(0, equals),
                    Files.readString(source));
        }
        for (JsonNode entry : generator.path("envs")) {
            Path source = within(dir, dir.resolve(entry.asText()).normalize());
            if (!Files.exists(source) && examplesForMissingEnvFiles) {
                source = source.resolveSibling(source.getFileName() + ".example");
            }
            for (String line : Files.readAllLines(source)) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    putPair(data, line);
                }
            }
        }
        for (JsonNode literal : generator.path("literals")) {
            putPair(data, literal.asText());
        }
        if (kind.equals("Secret")) {
            data.properties().forEach(field -> field.setValue(data.textNode(Base64.getEncoder()
                    .encodeToString(field.getValue().asText().getBytes(StandardCharsets.UTF_8)))));
        }
        String behavior = generator.path("behavior").asText("create");
        ObjectNode existing = resources.stream().filter(resource -> kind.equals(resource.path("kind").asText())
                && name.equals(resource.path("metadata").path("name").asText())).findFirst().orElse(null);
        switch (behavior) {
            case "create" -> {
                ObjectNode resource = ManifestYaml.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", kind);
                resource.putObject("metadata").put("name", name);
                if (kind.equals("Secret")) {
                    resource.put("type", "Opaque");
                }
                resource.set("data", data);
                add(resources, resource);
            }
            case "merge", "replace" -> {
                if (existing == null) {
                    throw new IllegalArgumentException(kind + " " + name + ": nothing to " + behavior);
                }
                if (behavior.equals("replace")) {
                    existing.set("data", data);
                } else {
                    existing.withObjectProperty("data").setAll(data);
                }
            }
            default -> throw new IllegalArgumentException(kind + " " + name + ": behavior " + behavior);
        }
    }

    private static void putPair(ObjectNode data, String pair) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("not KEY=VALUE: " + pair);
        }
        data.put(pair.substring(0, equals).strip(), pair.substring(equals + 1));
    }

    private static void patch(List<ObjectNode> resources, JsonNode entry, Path dir) throws IOException {
        entry.fieldNames().forEachRemaining(field -> {
            if (!Set.of("path", "patch", "target").contains(field)) {
                throw new IllegalArgumentException("patch field '" + field + "' is not supported");
            }
        });
        String text = entry.has("path") ? Files.readString(within(dir, dir.resolve(entry.get("path").asText())
                .normalize())) : entry.path("patch").asText();
        JsonNode patch = ManifestYaml.MAPPER.readTree(text);
        JsonNode target = entry.path("target");
        List<ObjectNode> targets = new ArrayList<>();
        for (ObjectNode resource : resources) {
            if (target.isMissingNode() ? patch.isObject() && sameObject(resource, patch) : matches(resource, target)) {
                targets.add(resource);
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("patch matches no resource: " + (target.isMissingNode() ? text : target));
        }
        for (ObjectNode resource : targets) {
            if (patch.isArray()) {
                for (JsonNode operation : patch) {
                    JsonPatch.apply(resource, operation);
                }
            } else {
                if (patch.findValue("$patch") != null) {
                    throw new IllegalArgumentException("patch directives are not supported: " + text);
                }
                mergePatch(resource, (ObjectNode) patch);
            }
        }
    }

    private static boolean sameObject(JsonNode resource, JsonNode patch) {
        return resource.path("apiVersion").equals(patch.path("apiVersion")) && resource.path("kind").equals(patch.path("kind"))
                && resource.path("metadata").path("name").equals(patch.path("metadata").path("name"));
    }

    private static boolean matches(JsonNode resource, JsonNode target) {
        target.fieldNames().forEachRemaining(field -> {
            if (!Set.of("group", "version", "kind", "name").contains(field)) {
                throw new IllegalArgumentException("patch target field '" + field + "' is not supported");
            }
        });
        String apiVersion = resource.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        return (!target.has("group") || target.get("group").asText().equals(group))
                && (!target.has("version") || target.get("version").asText().equals(version))
                && (!target.has("kind") || target.get("kind").asText().equals(resource.path("kind").asText()))
                && (!target.has("name") || target.get("name").asText().equals(resource.path("metadata").path("name").asText()));
    }

    /** RFC 7386: objects merge, anything else replaces, null removes. */
    static void mergePatch(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.path(field.getKey()).isObject()) {
                mergePatch((ObjectNode) target.get(field.getKey()), (ObjectNode) value);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    private static void setNamespace(ObjectNode resource, String namespace) {
        if (!clusterScoped(resource)) {
            resource.withObjectProperty("metadata").put("namespace", namespace);
        }
        if (resource.path("kind").asText().endsWith("RoleBinding")) {
            for (JsonNode subject : resource.path("subjects")) {
                String current = subject.path("namespace").asText("");
                if (subject.path("kind").asText().equals("ServiceAccount")
                        && (current.isEmpty() || current.equals("default"))) {
                    ((ObjectNode) subject).put("namespace", namespace);
                }
            }
        }
    }

    private static Path within(Path dir, Path file) {
        if (!file.startsWith(dir.normalize())) {
            throw new IllegalArgumentException("security; file '" + file + "' is not in or below '" + dir + "'");
        }
        return file;
    }

    /** JSON patch (RFC 6902) operations add, remove, replace and test. */
    static final class JsonPatch {

        private JsonPatch() {
        }

        static void apply(ObjectNode document, JsonNode operation) {
            String op = operation.path("op").asText();
            List<String> path = pointer(operation.path("path").asText());
            JsonNode parent = document;
            for (String token : path.subList(0, path.size() - 1)) {
                parent = child(parent, token, operation);
            }
            String last = path.get(path.size() - 1);
            JsonNode value = operation.get("value");
            switch (op) {
                case "test" -> {
                    if (!child(parent, last, operation).equals(value)) {
                        throw new IllegalArgumentException("test failed: " + operation + ", found "
                                + child(parent, last, operation));
                    }
                }
                case "replace" -> {
                    child(parent, last, operation);
                    set(parent, last, value, false);
                }
                case "add" -> set(parent, last, value, true);
                case "remove" -> {
                    child(parent, last, operation);
                    if (parent.isArray()) {
                        ((ArrayNode) parent).remove(Integer.parseInt(last));
                    } else {
                        ((ObjectNode) parent).remove(last);
                    }
                }
                default -> throw new IllegalArgumentException("JSON patch op '" + op + "' is not supported");
            }
        }

        private static void set(JsonNode parent, String token, JsonNode value, boolean insert) {
            if (parent.isArray()) {
                ArrayNode array = (ArrayNode) parent;
                if (token.equals("-")) {
                    array.add(value.deepCopy());
                } else if (insert) {
                    array.insert(Integer.parseInt(token), value.deepCopy());
                } else {
                    array.set(Integer.parseInt(token), value.deepCopy());
                }
            } else {
                ((ObjectNode) parent).set(token, value.deepCopy());
            }
        }

        private static JsonNode child(JsonNode parent, String token, JsonNode operation) {
            JsonNode child = parent.isArray() ? parent.path(Integer.parseInt(token)) : parent.path(token);
            if (child.isMissingNode()) {
                throw new IllegalArgumentException("no " + token + " at " + operation);
            }
            return child;
        }

        private static List<String> pointer(String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("not a JSON pointer: " + path);
            }
            List<String> tokens = new ArrayList<>();
            for (String token : path.substring(1).split("/", -1)) {
                tokens.add(token.replace("~1", "/").replace("~0", "~"));
            }
            return tokens;
        }
    }
}
