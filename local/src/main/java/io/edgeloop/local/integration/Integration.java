package io.edgeloop.local.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One Camel integration of the loop: the route files {@code routes/<site>/<name>*.camel.yaml}, the Java
 * beans they call where Camel has no step for the job ({@code routes/<site>/<name>/*.java}, compiled at
 * start as {@code camel run} and Camel K do), and the properties {@code routes/<site>/<name>.properties}.
 */
public record Integration(Site site, String name) {

    /** Every integration of the loop, in start order (dependencies first). */
    public static final List<Integration> ALL = List.of(
            new Integration(Site.CENTRAL, "feeder"),
            new Integration(Site.CENTRAL, "delivery"),
            new Integration(Site.EDGE, "price-engine"),
            new Integration(Site.EDGE, "manager"),
            new Integration(Site.EDGE, "monitor"),
            new Integration(Site.EDGE, "shopper"));

    public Path directory(Path home) {
        return home.resolve("routes").resolve(site.folder());
    }

    public Path propertiesFile(Path home) {
        return directory(home).resolve(name + ".properties");
    }

    public String routesIncludePattern(Path home) {
        Path dir = directory(home);
        String routes = "file:" + dir + "/" + name + "*.camel.yaml";
        // Camel fails on a pattern whose folder does not exist, and most integrations have no beans.
        return Files.isDirectory(dir.resolve(name)) ? "file:" + dir + "/" + name + "/*.java," + routes : routes;
    }

    /** The route files of this integration; none means it is not written yet and is not started. */
    public List<Path> routeFiles(Path home) {
        Path dir = directory(home);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String file = f.getFileName().toString();
                return file.startsWith(name) && file.endsWith(".camel.yaml");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform setting that holds this integration's HTTP port, e.g. {@code feeder.port}. */
    public String portKey() {
        return name + ".port";
    }
}
