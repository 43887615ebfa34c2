package io.edgeloop.dataset;

import static io.edgeloop.dataset.SyntheticDataset.DEFAULT_CLASSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetTest {

    @TempDir
    Path directory;

    @Test
    void writesEachClassIntoItsOwnFolderAsNumberedJpegs() throws IOException {
        Path images = new SyntheticDataset(List.of("tea-green", "other"), 3, 32, 42).writeTo(directory);

        assertThat(images).isEqualTo(directory.resolve("images"));
        try (Stream<Path> files = Files.walk(directory)) {
            assertThat(files.filter(Files::isRegularFile).map(file -> directory.relativize(file).toString()
                    .replace('\\', '/'))).containsExactlyInAnyOrder(
                    "images/tea-green/tea-green-0001.jpg", "images/tea-green/tea-green-0002.jpg",
                    "images/tea-green/tea-green-0003.jpg",
                    "images/other/other-0001.jpg", "images/other/other-0002.jpg", "images/other/other-0003.jpg");
        }
    }

    @Test
    void streamsThePhotosItWritesWithTheirPathsInTheLayout() throws IOException {
        SyntheticDataset dataset = new SyntheticDataset(List.of("tea-lemon"), 2, 32, 42);
        dataset.writeTo(directory);

        assertThat(dataset.images()).allSatisfy(image -> {
            assertThat(image.path()).isEqualTo("images/tea-lemon/" + image.fileName());
            assertThat(directory.resolve(image.path())).hasBinaryContent(image.jpeg());
        });
    }

    @Test
    void defaultsToTheDemoClasses() {
        assertThat(DEFAULT_CLASSES).containsExactly("tea-earl-grey", "tea-green", "tea-lemon", "other");
    }

    @Test
    void everyPhotoIsAJpegOfTheRequestedSize() {
        List<SyntheticImage> images = new SyntheticDataset(DEFAULT_CLASSES, 4, 48, 7).images().toList();

        assertThat(images).hasSize(16).allSatisfy(image -> {
            assertThat(image.jpeg()).startsWith((byte) 0xFF, (byte) 0xD8);
            BufferedImage decoded = Photos.decode(image.jpeg());
            assertThat(decoded.getWidth()).isEqualTo(48);
            assertThat(decoded.getHeight()).isEqualTo(48);
        });
    }

    @Test
    void sameSeedGivesByteIdenticalPhotos() {
        List<SyntheticImage> first = new SyntheticDataset(DEFAULT_CLASSES, 3, 64, 42).images().toList();
        List<SyntheticImage> second = new SyntheticDataset(DEFAULT_CLASSES, 3, 64, 42).images().toList();

        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).fileName()).isEqualTo(first.get(i).fileName());
            assertThat(second.get(i).jpeg()).as(first.get(i).path()).isEqualTo(first.get(i).jpeg());
        }
    }

    @Test
    void anotherSeedGivesOtherPhotos() {
        List<SyntheticImage> first = new SyntheticDataset(DEFAULT_CLASSES, 3, 64, 42).images().toList();
        List<SyntheticImage> second = new SyntheticDataset(DEFAULT_CLASSES, 3, 64, 43).images().toList();

        for (int i = 0; i < first.size(); i++) {
            assertThat(Photos.difference(Photos.decode(first.get(i).jpeg()), Photos.decode(second.get(i).jpeg())))
                    .as(first.get(i).path()).isGreaterThan(10);
        }
    }

    @Test
    void aPhotoStaysTheSameWhenClassesOrPhotosAreAdded() {
        byte[] alone = new SyntheticDataset(List.of("tea-green"), 1, 32, 42).images().findFirst().orElseThrow().jpeg();
        byte[] amongOthers = new SyntheticDataset(List.of("tea-lemon", "tea-green"), 5, 32, 42).images()
                .filter(image -> image.fileName().equals("tea-green-0001.jpg")).findFirst().orElseThrow().jpeg();

        assertThat(amongOthers).isEqualTo(alone);
    }

    @Test
    void aNewClassNameGetsPackagesOfItsOwnColour() {
        double[] mint = meanColour(new SyntheticDataset(List.of("tea-mint"), 10, 48, 42));
        double[] green = meanColour(new SyntheticDataset(List.of("tea-green"), 10, 48, 42));

        assertThat(Math.abs(mint[0] - green[0]) + Math.abs(mint[1] - green[1]) + Math.abs(mint[2] - green[2]))
                .as("difference of mean colour").isGreaterThan(20);
    }

    @Test
    void rejectsClassNamesThatAreNotFolderNames() {
        for (String name : List.of("Tea-Green", "../tea", "tea green", "", "-tea")) {
            assertThatIllegalArgumentException().as(name)
                    .isThrownBy(() -> new SyntheticDataset(List.of(name), 1, 32, 42));
        }
    }

    @Test
    void rejectsDuplicateClassesAndEmptyOrTinyDatasets() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SyntheticDataset(List.of("a", "a"), 1, 32, 42));
        assertThatIllegalArgumentException().isThrownBy(() -> new SyntheticDataset(List.of(), 1, 32, 42));
        assertThatIllegalArgumentException().isThrownBy(() -> new SyntheticDataset(List.of("a"), 0, 32, 42));
        assertThatIllegalArgumentException().isThrownBy(() -> new SyntheticDataset(List.of("a"), 1, 8, 42));
    }

    private static double[] meanColour(SyntheticDataset dataset) {
        double[] sum = new double[3];
        List<SyntheticImage> images = dataset.images().toList();
        for (SyntheticImage image : images) {
            double[] mean = Photos.meanColour(Photos.decode(image.jpeg()));
            Arrays.setAll(sum, channel -> sum[channel] + mean[channel] / images.size());
        }
        return sum;
    }
}
