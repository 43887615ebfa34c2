package io.edgeloop.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One integration of {@code routes/}, found by its properties file: {@code routes/<site>/<name>.properties}, the
 * route files {@code <name>*.camel.yaml} beside it and the Java beans in {@code <name>/*.java} (the rule the local
 * platform runs them by).
 */
public record RouteIntegration(Path root, String site, String name) {

    /** Every integration of the repository, by site and name. */
    public static List<RouteIntegration> all(Path root) {
        try (Stream<Path> sites = Files.list(root.resolve("routes"))) {
            return sites.filter(Files::isDirectory).sorted().flatMap(site -> {
                try (Stream<Path> files = Files.list(site)) {
                    return files.map(file -> file.getFileName().toString())
                            .filter(file -> file.endsWith(".properties")).sorted()
                            .map(file -> new RouteIntegration(root, site.getFileName().toString(),
                                    file.substring(0, file.length() - ".properties".length())))
                            .toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return root.resolve("routes").resolve(site);
    }

    public Path propertiesFile() {
        return directory().resolve(name + ".properties");
    }

    public List<Path> routeFiles() {
        return list(directory(), file -> file.startsWith(name) && file.endsWith(".camel.yaml"));
    }

    public List<Path> beanFiles() {
        return list(directory().resolve(name), file -> file.endsWith(".java"));
    }

    /** The manifests directory of the site: {@code manifests/central} for {@code routes/central}. */
    public Path siteManifests() {
        return root.resolve("manifests").resolve(site);
    }

    /** The hand-written deployment settings the generated Integration starts from. */
    public Path settingsFile() {
        return siteManifests().resolve("integrations").resolve(name + ".yaml");
    }

    public Path generatedFile() {
        return siteManifests().resolve("generated").resolve(name + ".yaml");
    }

    public String relative(Path file) {
        return root.relativize(file).toString();
    }

    private static List<Path> list(Path dir, Predicate<String> fileName) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> fileName.test(file.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
