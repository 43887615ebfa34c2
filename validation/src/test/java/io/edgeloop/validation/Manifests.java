package io.edgeloop.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code kubectl apply -k} applies for each site of {@code manifests/}: the central site and every overlay of
 * {@code manifests/overlays/}, rendered by {@link Kustomize} (with the {@code .env.example} files where the
 * git-ignored credentials are missing), each document also typed by {@link ManifestModels}.
 */
final class Manifests {

    static final Path DIR = RepositoryFiles.ROOT.resolve("manifests");
    static final String CENTRAL = "central";

    /** A rendered site: the path of its kustomization below manifests/ and its documents. */
    record Site(String path, List<ObjectNode> documents) {

        boolean central() {
            return path.equals(CENTRAL);
        }

        /** The namespace the site installs into (the one of its Namespace resource). */
        String namespace() {
            return ofKind("Namespace").stream().map(namespace -> namespace.path("metadata").path("name").asText())
                    .findFirst().orElseThrow(() -> new AssertionError(path + " has no Namespace"));
        }

        List<ObjectNode> ofKind(String kind) {
            return documents.stream().filter(document -> kind.equals(document.path("kind").asText())).toList();
        }

        Optional<ObjectNode> named(String kind, String name) {
            return ofKind(kind).stream().filter(document -> name.equals(document.path("metadata").path("name")
                    .asText())).findFirst();
        }

        <T extends HasMetadata> List<T> typed(Class<T> type) {
            return documents.stream().filter(document -> ManifestModels.typeOf(document) == type)
                    .map(document -> type.cast(ManifestModels.read(document))).toList();
        }

        List<GenericKubernetesResource> generic(String kind) {
            return ofKind(kind).stream().map(document -> (GenericKubernetesResource) ManifestModels.read(document))
                    .toList();
        }

        @Override
        public String toString() {
            return path;
        }
    }

    private static final List<Site> SITES = render();

    private Manifests() {
    }

    static List<Site> sites() {
        return SITES;
    }

    static Site central() {
        return SITES.stream().filter(Site::central).findFirst().orElseThrow();
    }

    /** The edge overlays, one per shop. */
    static List<Site> edges() {
        return SITES.stream().filter(site -> !site.central()).toList();
    }

    /** The edge id an overlay sets (edge.id in its edge-id.properties). */
    static String edgeId(Site edge) {
        String properties = edge.named("ConfigMap", "edgeloop-edge").orElseThrow().path("data")
                .path("edge-id.properties").asText();
        return properties.lines().filter(line -> line.startsWith("edge.id=")).map(line -> line.substring(8).strip())
                .findFirst().orElseThrow(() -> new AssertionError(edge + " sets no edge.id"));
    }

    static String name(JsonNode document) {
        return document.path("metadata").path("name").asText();
    }

    /** The kustomization directories that are sites: central and every overlay. */
    static List<String> sitePaths() {
        try (Stream<Path> overlays = Files.list(DIR.resolve("overlays"))) {
            return Stream.concat(Stream.of(CENTRAL), overlays.filter(Files::isDirectory).sorted()
                    .map(overlay -> "overlays/" + overlay.getFileName())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Site> render() {
        Kustomize kustomize = new Kustomize(true);
        return sitePaths().stream().map(path -> {
            try {
                return new Site(path, kustomize.build(DIR.resolve(path)));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("manifests/" + path + ": " + e.getMessage(), e);
            }
        }).toList();
    }
}
