package io.edgeloop.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.manifests.RouteIntegration;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The Camel properties a site gives its Integrations: every file of its ConfigMap edgeloop-&lt;site&gt;. */
final class SiteProperties {

    private SiteProperties() {
    }

    static String configMapName(Manifests.Site site) {
        return site.central() ? "edgeloop-central" : "edgeloop-edge";
    }

    /** Key to value over every properties file of the site's ConfigMap; a key set in two of them fails. */
    static Map<String, String> of(Manifests.Site site) {
        JsonNode data = site.named("ConfigMap", configMapName(site))
                .orElseThrow(() -> new AssertionError(site + " has no ConfigMap " + configMapName(site))).path("data");
        Map<String, String> all = new LinkedHashMap<>();
        data.properties().forEach(file -> {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(file.getValue().asText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.stringPropertyNames().forEach(key -> {
                if (all.put(key, properties.getProperty(key)) != null) {
                    throw new AssertionError(site + ": " + key + " is set twice in " + configMapName(site));
                }
            });
        });
        return all;
    }

    /** The integrations of routes/ that a site runs: routes/central at the central site, routes/edge at an edge. */
    static List<RouteIntegration> integrations(Manifests.Site site) {
        String folder = site.central() ? "central" : "edge";
        return RouteIntegration.all(RepositoryFiles.ROOT).stream()
                .filter(integration -> integration.site().equals(folder)).toList();
    }
}
