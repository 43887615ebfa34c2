package io.edgeloop.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One integration of {@code routes/}: the folder {@code routes/<site>/<name>/} with its {@code *.camel.yaml} routes,
 * its {@code application.properties} and its Java beans (the rule the local platform and {@code camel run} take it
 * by).
 */
public record RouteIntegration(Path root, String site, String name) {

    /** Every integration of the repository, by site and name. */
    public static List<RouteIntegration> all(Path root) {
        try (Stream<Path> sites = Files.list(root.resolve("routes"))) {
            return sites.filter(Files::isDirectory).sorted().flatMap(site -> {
                try (Stream<Path> folders = Files.list(site)) {
                    return folders.filter(Files::isDirectory).sorted()
                            .map(folder -> new RouteIntegration(root, site.getFileName().toString(),
                                    folder.getFileName().toString()))
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
        return root.resolve("routes").resolve(site).resolve(name);
    }

    public Path propertiesFile() {
        return directory().resolve("application.properties");
    }

    public List<Path> routeFiles() {
        return list(directory(), file -> file.endsWith(".camel.yaml"));
    }

    public List<Path> beanFiles() {
        return list(directory(), file -> file.endsWith(".java"));
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
