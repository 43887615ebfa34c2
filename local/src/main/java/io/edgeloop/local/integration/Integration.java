package io.edgeloop.local.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One Camel integration of the loop: the folder {@code routes/<site>/<name>/}, as {@code camel run} and Camel K
 * take it: its {@code *.camel.yaml} routes, its {@code application.properties}, and the Java beans the routes
 * call where Camel has no step for the job (compiled at start, as {@code camel run} and Camel K do).
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
        return home.resolve("routes").resolve(site.folder()).resolve(name);
    }

    public Path propertiesFile(Path home) {
        return directory(home).resolve("application.properties");
    }

    public String routesIncludePattern(Path home) {
        Path dir = directory(home);
        String routes = "file:" + dir + "/*.camel.yaml";
        // Camel fails on a pattern that matches no file, and most integrations have no beans.
        return filesEndingWith(dir, ".java").isEmpty() ? routes : "file:" + dir + "/*.java," + routes;
    }

    /** The route files of this integration; none means it is not written yet and is not started. */
    public List<Path> routeFiles(Path home) {
        return filesEndingWith(directory(home), ".camel.yaml");
    }

    private static List<Path> filesEndingWith(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform setting that holds this integration's HTTP port, e.g. {@code feeder.port}. */
    public String portKey() {
        return name + ".port";
    }
}
