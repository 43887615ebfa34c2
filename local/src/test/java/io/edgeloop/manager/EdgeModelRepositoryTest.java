package io.edgeloop.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The atomic model copy on its own: what a model server may see of a version, whatever the manifest says. */
class EdgeModelRepositoryTest {

    private static final byte[] GRAPH = "graph".getBytes();
    private static final byte[] VARIABLES = "variables of the model".getBytes();

    @TempDir
    Path root;

    private EdgeModelRepository repository() {
        return new EdgeModelRepository(root.toString());
    }

    private static Manifest.Entry entry(String path, byte[] content) throws Exception {
        return new Manifest.Entry(path, (long) content.length, ReadyVersion.sha256(content));
    }

    private static Manifest manifest(String model, int version, Manifest.Entry... files) {
        return new Manifest(model, version, List.of(files));
    }

    private Manifest model() throws Exception {
        return manifest("tea", 1, entry("saved_model.pb", GRAPH), entry("variables/variables.data", VARIABLES));
    }

    private void stageAll(EdgeModelRepository repository, Manifest manifest) throws IOException {
        repository.beginStaging(manifest);
        repository.stage(manifest, manifest.files().get(0), new ByteArrayInputStream(GRAPH));
        repository.stage(manifest, manifest.files().get(1), new ByteArrayInputStream(VARIABLES));
    }

    @Test
    void versionAppearsOnlyAtTheRenameWithItsFilesAndManifest() throws Exception {
        EdgeModelRepository repository = repository();
        Manifest manifest = model();

        stageAll(repository, manifest);
        assertThat(root.resolve("tea/1")).doesNotExist();
        assertThat(root.resolve("tea/.1.incoming/saved_model.pb")).hasBinaryContent(GRAPH);

        repository.publish(manifest, "{\"model\":\"tea\"}");

        assertThat(root.resolve("tea/1/saved_model.pb")).hasBinaryContent(GRAPH);
        assertThat(root.resolve("tea/1/variables/variables.data")).hasBinaryContent(VARIABLES);
        assertThat(root.resolve("tea/1/manifest.json")).hasContent("{\"model\":\"tea\"}");
        assertThat(entriesOf(root.resolve("tea"))).containsExactly("1");
        assertThat(repository.isPublished(manifest)).isTrue();
        assertThat(repository.publishedFile(manifest, "models/tea/1/variables/variables.data"))
                .hasBinaryContent(VARIABLES);
    }

    @Test
    void fileWhoseChecksumDiffersIsRefused() throws Exception {
        EdgeModelRepository repository = repository();
        Manifest manifest = model();
        repository.beginStaging(manifest);

        assertThatThrownBy(() -> repository.stage(manifest, manifest.files().get(1),
                new ByteArrayInputStream("other variables of the model".getBytes())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tea version 1: variables/variables.data does not match its manifest");
        repository.discardStaging(manifest);

        assertThat(entriesOf(root.resolve("tea"))).isEmpty();
    }

    @Test
    void fileOfTheRightSizeWithOtherBytesIsRefused() throws Exception {
        EdgeModelRepository repository = repository();
        Manifest manifest = model();
        repository.beginStaging(manifest);
        byte[] sameSize = VARIABLES.clone();
        sameSize[0] ^= 1;

        assertThatThrownBy(() -> repository.stage(manifest, manifest.files().get(1), new ByteArrayInputStream(sameSize)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match its manifest");
    }

    @Test
    void manifestWithAPathOutsideTheVersionIsRefusedBeforeAnythingIsWritten() throws Exception {
        EdgeModelRepository repository = repository();
        for (String path : List.of("../../escaped.pb", "/etc/escaped.pb", "variables/../../escaped.pb", "./saved_model.pb",
                "variables//x", "manifest.json", "")) {
            Manifest manifest = manifest("tea", 1, entry(path, GRAPH));

            assertThatThrownBy(() -> repository.beginStaging(manifest)).as(path)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid file entry");
            assertThatThrownBy(() -> repository.isPublished(manifest)).as(path)
                    .isInstanceOf(IllegalArgumentException.class);
            repository.discardStaging(manifest);
        }
        assertThat(entriesOf(root)).isEmpty();
    }

    @Test
    void manifestWithAnUnsafeModelOrVersionIsRefused() throws Exception {
        EdgeModelRepository repository = repository();
        for (Manifest manifest : List.of(manifest("..", 1, entry("saved_model.pb", GRAPH)),
                manifest("a/b", 1, entry("saved_model.pb", GRAPH)), manifest("tea", -1, entry("saved_model.pb", GRAPH)),
                new Manifest(null, 1, List.of(entry("saved_model.pb", GRAPH))), new Manifest("tea", null, null))) {
            assertThatThrownBy(() -> repository.beginStaging(manifest)).as(manifest.key())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(entriesOf(root)).isEmpty();
    }

    @Test
    void entryWithoutSizeOrWithABadChecksumIsRefused() throws Exception {
        EdgeModelRepository repository = repository();
        for (Manifest.Entry entry : List.of(new Manifest.Entry("saved_model.pb", null, ReadyVersion.sha256(GRAPH)),
                new Manifest.Entry("saved_model.pb", 5L, "ABC"), new Manifest.Entry("saved_model.pb", -1L, ReadyVersion.sha256(GRAPH)))) {
            assertThatThrownBy(() -> repository.beginStaging(manifest("tea", 1, entry)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid file entry");
        }
        assertThatThrownBy(() -> repository.beginStaging(manifest("tea", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lists no files");
    }

    @Test
    void leftoversOfAKilledCopyAreDiscardedWhenTheVersionIsStagedAgain() throws Exception {
        Path partial = root.resolve("tea/.1.incoming");
        Files.createDirectories(partial.resolve("variables"));
        Files.write(partial.resolve("variables/variables.data"), new byte[3]);
        Files.write(partial.resolve("stray.bin"), new byte[3]);
        EdgeModelRepository restarted = repository();
        Manifest manifest = model();

        stageAll(restarted, manifest);
        restarted.publish(manifest, "{}");

        assertThat(root.resolve("tea/1/variables/variables.data")).hasBinaryContent(VARIABLES);
        assertThat(root.resolve("tea/1/stray.bin")).doesNotExist();
        assertThat(entriesOf(root.resolve("tea"))).containsExactly("1");
    }

    @Test
    void publishedVersionMissingAFileIsRefusedNotReplaced() throws Exception {
        EdgeModelRepository repository = repository();
        Manifest manifest = model();
        stageAll(repository, manifest);
        repository.publish(manifest, "{}");
        Files.delete(root.resolve("tea/1/variables/variables.data"));

        assertThatThrownBy(() -> repository.isPublished(manifest)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("with different content (variables/variables.data)");
    }

    @Test
    void secondPublishOfAVersionFailsAndKeepsTheFirst() throws Exception {
        EdgeModelRepository repository = repository();
        Manifest manifest = model();
        stageAll(repository, manifest);
        repository.publish(manifest, "first");
        stageAll(repository, manifest);

        assertThatThrownBy(() -> repository.publish(manifest, "second")).isInstanceOf(IOException.class);
        assertThat(root.resolve("tea/1/manifest.json")).hasContent("first");
    }

    @Test
    void versionNotYetCopiedIsNotPublished() throws Exception {
        assertThat(repository().isPublished(model())).isFalse();
    }

    private static List<String> entriesOf(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
