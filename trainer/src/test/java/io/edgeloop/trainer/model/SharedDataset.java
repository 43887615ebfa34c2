package io.edgeloop.trainer.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real photos beside the repository ({@code ../shared/dataset/images/<class>/*}), read in place. */
final class SharedDataset {

    private SharedDataset() {
    }

    static Path images() {
        Path home = Path.of(System.getProperty("edgeloop.home", "."));
        return home.toAbsolutePath().normalize().resolveSibling("shared").resolve("dataset").resolve("images");
    }

    static boolean present() {
        return Files.isDirectory(images());
    }

    static List<LabelledImage> load(Path images) {
        try (Stream<Path> files = Files.walk(images)) {
            return files.filter(Files::isRegularFile).sorted().map(file -> read(images, file)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LabelledImage read(Path images, Path file) {
        try {
            Path relative = images.relativize(file);
            return new LabelledImage(relative.getName(0).toString(), "images/" + relative, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
