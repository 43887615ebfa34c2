package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every document every site applies, read into its model; runs once per document. */
@ExtendWith(FileNameInFailures.class)
class ManifestModelTest {

    /** RFC 1123 label: Services, Namespaces and most names must be one, and every name here is kept to it. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    record Document(Manifests.Site site, ObjectNode content) {
    }

    static Stream<Named<Document>> documents() {
        return Manifests.sites().stream().flatMap(site -> site.documents().stream()
                .map(document -> Named.of(site + ": " + Kustomize.id(document), new Document(site, document))));
    }

    @Test
    void everySiteIsRendered() {
        assertThat(Manifests.sites()).extracting(Manifests.Site::path)
                .contains("central", "overlays/edge1", "overlays/edge2");
        assertThat(Manifests.sites()).allSatisfy(site -> assertThat(site.documents()).isNotEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void parsesStrictlyIntoTheModelOfItsKind(Document document) {
        HasMetadata model = ManifestModels.read(document.content());

        assertThat(model).isInstanceOf(ManifestModels.typeOf(document.content()));
        assertThat(model.getMetadata().getName()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void nameIsADnsLabel(Document document) {
        assertThat(Manifests.name(document.content())).matches(DNS_LABEL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void namespacedResourcesAreInTheSiteNamespace(Document document) {
        String namespace = document.content().path("metadata").path("namespace").asText(null);
        if (Kustomize.clusterScoped(document.content())) {
            assertThat(namespace).as("namespace of a cluster-scoped resource").isNull();
        } else {
            assertThat(namespace).isEqualTo(document.site().namespace());
        }
    }

    @Test
    void sitesInstallIntoNamespacesOfTheirOwn() {
        List<String> namespaces = Manifests.sites().stream().map(Manifests.Site::namespace).toList();

        assertThat(namespaces).doesNotHaveDuplicates().contains("edgeloop");
        assertThat(Manifests.central().namespace()).isEqualTo("edgeloop");
    }
}
