package io.edgeloop.bench;

import io.edgeloop.dataset.SyntheticDataset;
import io.edgeloop.trainer.model.LabelledImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The photos a benchmark trains on and sends: the real ones in {@code images/<class>/*} read in place (never
 * copied), or, without a folder, synthetic ones of the demo's classes.
 */
final class BenchPhotos {

    private BenchPhotos() {
    }

    /** @param images {@code images/<class>/*.jpg}, or null for 4 x 80 synthetic photos of 96 px */
    static List<LabelledImage> load(Path images) {
        if (images == null) {
            return new SyntheticDataset(SyntheticDataset.DEFAULT_CLASSES, 80, 96, 42).images()
                    .map(image -> new LabelledImage(image.className(), image.path(), image.jpeg())).toList();
        }
        try (Stream<Path> files = Files.walk(images)) {
            return files.filter(Files::isRegularFile).sorted().map(file -> read(images, file)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String describe(Path images, List<LabelledImage> photos) {
        return photos.size() + (images == null ? " synthetic photos" : " photos from " + images);
    }

    private static LabelledImage read(Path images, Path file) {
        try {
            return new LabelledImage(images.relativize(file).getName(0).toString(), file.toString(),
                    Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
