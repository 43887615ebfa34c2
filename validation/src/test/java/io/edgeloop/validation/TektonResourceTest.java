package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each check runs once per {@code tekton/**}{@code /*.yaml} but the kustomization, samples and tests included. */
@ExtendWith(FileNameInFailures.class)
class TektonResourceTest {

    static Stream<Named<Path>> files() {
        return RepositoryFiles.tekton().stream().map(file -> Named.of(RepositoryFiles.relative(file), file));
    }

    @Test
    void repositoryHasTektonResources() {
        assertThat(RepositoryFiles.tekton()).as("tekton/**/*.yaml").isNotEmpty();
        assertThat(TektonResources.base()).as("resources of the kustomize base").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyDocumentParsesStrictlyIntoTheClassOfItsKind(Path file) throws IOException {
        assertThat(TektonResources.read(file)).as("documents").isNotEmpty().allSatisfy(resource ->
                assertThat(resource).isInstanceOf(TektonResources.KINDS.get(
                        resource.getApiVersion() + " " + resource.getKind())));
    }

    // A run created from a sample gets a fresh name each time.
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyResourceIsNamed(Path file) throws IOException {
        for (HasMetadata resource : TektonResources.read(file)) {
            ObjectMeta metadata = resource.getMetadata();
            assertThat(metadata).as("%s metadata", resource.getKind()).isNotNull();
            assertThat(metadata.getName() != null || metadata.getGenerateName() != null)
                    .as("%s has a name or a generateName", resource.getKind()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void namespaceIsLeftToTheOverlay(Path file) throws IOException {
        assertThat(TektonResources.read(file)).extracting(resource -> resource.getMetadata().getNamespace())
                .as("metadata.namespace").containsOnlyNulls();
    }
}
