package io.edgeloop.trainer.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary TensorFlow checkpoint of trained variables, from which the export graphs restore. */
final class Checkpoint implements AutoCloseable {

    private final Path dir;

    private Checkpoint(Path dir) {
        this.dir = dir;
    }

    static Checkpoint create() {
        try {
            return new Checkpoint(Files.createTempDirectory("edgeloop-checkpoint"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The prefix for {@code Session.save} and {@code Session.restore}. */
    String prefix() {
        return dir.resolve("model").toString();
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
