package io.edgeloop.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The declarative files of the repository, found on disk so that new ones are validated without registration. */
final class RepositoryFiles {

    static final Path ROOT = findRoot();

    private RepositoryFiles() {
    }

    /** Every {@code *.camel.yaml} below {@code routes/}, at any depth. */
    static List<Path> routes() {
        return filesEndingWith(ROOT.resolve("routes"), Integer.MAX_VALUE, ".camel.yaml");
    }

    /** Every {@code *.kamelet.yaml} directly in {@code kamelets/}. */
    static List<Path> kamelets() {
        return filesEndingWith(ROOT.resolve("kamelets"), 1, ".kamelet.yaml");
    }

    /** The directory of the Tekton resources, a kustomize base. */
    static Path tektonDir() {
        return ROOT.resolve("tekton");
    }

    /** Every {@code *.yaml} below {@code tekton/}, at any depth, samples included, except {@code kustomization.yaml}. */
    static List<Path> tekton() {
        return filesEndingWith(tektonDir(), Integer.MAX_VALUE, ".yaml").stream()
                .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                .toList();
    }

    /** Whether a file of {@code tekton/} is a sample or a test of a catalog entry, not part of the kustomize base. */
    static boolean isTektonExample(Path file) {
        for (Path name : tektonDir().relativize(file)) {
            if (name.toString().equals("samples") || name.toString().equals("tests")) {
                return true;
            }
        }
        return false;
    }

    /** The directories of the Tekton catalog entries, {@code tekton/<kind>/<name>/<version>/}. */
    static List<Path> tektonCatalogEntries() {
        try (Stream<Path> dirs = Files.walk(tektonDir(), 3)) {
            return dirs.filter(Files::isDirectory).filter(dir -> tektonDir().relativize(dir).getNameCount() == 3)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path file) {
        return ROOT.relativize(file).toString();
    }

    private static List<Path> filesEndingWith(Path dir, int depth, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, depth)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Maven passes edgeloop.home, but it is the module directory when Maven is started inside validation/;
    // walking up to the directory holding kamelets/ covers that and runs without Maven (IDE).
    private static Path findRoot() {
        Path start = Path.of(System.getProperty("edgeloop.home", "")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("kamelets"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No kamelets/ directory in " + start + " or above: set -Dedgeloop.home");
    }
}
