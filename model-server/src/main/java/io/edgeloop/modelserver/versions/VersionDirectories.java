package io.edgeloop.modelserver.versions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The version folders under a model's base path as TF Serving's file system source sees them: numbered folders
 * holding a SavedModel; hidden folders (a copy in progress) and other names are ignored.
 */
public final class VersionDirectories {

    private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

    private final Path basePath;

    public VersionDirectories(Path basePath) {
        this.basePath = basePath;
    }

    Path basePath() {
        return basePath;
    }

    /** The versions on disk now, by number; none when the base path does not exist (yet). */
    SortedMap<Long, VersionDirectory> scan() {
        SortedMap<Long, VersionDirectory> versions = new TreeMap<>();
        if (!Files.isDirectory(basePath)) {
            return versions;
        }
        try (Stream<Path> children = Files.list(basePath)) {
            children.filter(child -> VERSION.matcher(child.getFileName().toString()).matches())
                    .filter(VersionDirectories::holdsSavedModel)
                    .forEach(child -> fingerprint(child).ifPresent(fingerprint -> {
                        long version = Long.parseLong(child.getFileName().toString());
                        versions.put(version, new VersionDirectory(version, child, fingerprint));
                    }));
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + basePath, e);
        }
        return versions;
    }

    private static boolean holdsSavedModel(Path version) {
        return Files.isRegularFile(version.resolve("saved_model.pb"))
                || Files.isRegularFile(version.resolve("saved_model.pbtxt"));
    }

    /** The folder's identity plus every file's size and modification time; empty if it vanished meanwhile. */
    private static Optional<String> fingerprint(Path version) {
        try (Stream<Path> files = Files.walk(version)) {
            StringBuilder fingerprint = new StringBuilder(String.valueOf(
                    Files.readAttributes(version, BasicFileAttributes.class).fileKey()));
            files.sorted().forEach(file -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    fingerprint.append('|').append(version.relativize(file)).append(':').append(attributes.size())
                            .append(':').append(attributes.lastModifiedTime().toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return Optional.of(fingerprint.toString());
        } catch (IOException | UncheckedIOException e) {
            // Renamed or deleted while we looked: the next poll sees how it ended.
            return Optional.empty();
        }
    }
}
