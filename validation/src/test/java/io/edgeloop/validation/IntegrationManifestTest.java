package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.manifests.IntegrationManifest;
import io.edgeloop.manifests.PropertiesFile;
import io.edgeloop.manifests.RouteIntegration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.v1.Integration;
import org.apache.camel.v1.integrationspec.Sources;
import org.apache.camel.v1.integrationspec.Traits;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each Camel K Integration as a site applies it: its routes, properties, runtime, dependencies and probes. */
@ExtendWith(FileNameInFailures.class)
class IntegrationManifestTest {

    /** A placeholder that must resolve: {@code {{name}}}, not optional ({@code {{?name}}}), no default, no function. */
    private static final Pattern REQUIRED_PLACEHOLDER = Pattern.compile("\\{\\{(?!\\?)([^}:]+)}}");
    private static final Map<Pattern, String> DEPENDENCY_OF_USE = dependencyRules();

    record Deployed(Manifests.Site site, RouteIntegration integration, ObjectNode document) {

        Integration model() {
            return (Integration) ManifestModels.read(document);
        }

        Map<String, String> camelProperties() {
            Map<String, String> properties = new LinkedHashMap<>();
            for (String property : model().getSpec().getTraits().getCamel().getProperties()) {
                int equals = property.indexOf('=');
                properties.put(property.substring(0, equals), property.substring(equals + 1));
            }
            return properties;
        }

        String sourceText() {
            StringBuilder text = new StringBuilder();
            model().getSpec().getSources().forEach(source -> text.append(source.getContent()).append('\n'));
            return text.toString();
        }

        /** The parameters of the route templates of its YAML routes: {{name}} there is the template's, no property. */
        Set<String> templateParameters() throws IOException {
            Set<String> names = new TreeSet<>();
            for (Sources source : model().getSpec().getSources()) {
                if (source.getName().endsWith(".yaml")) {
                    for (JsonNode element : CamelYamlDsl.YAML.readTree(source.getContent())) {
                        element.path("routeTemplate").path("parameters")
                                .forEach(parameter -> names.add(parameter.path("name").asText()));
                    }
                }
            }
            return names;
        }
    }

    static Stream<Named<Deployed>> integrations() {
        return Manifests.sites().stream().flatMap(site -> SiteProperties.integrations(site).stream()
                .map(integration -> Named.of(site + ": " + integration.name(), new Deployed(site, integration,
                        site.named("Integration", integration.name()).orElseThrow(() -> new AssertionError(
                                site + " deploys no Integration " + integration.name()))))));
    }

    @Test
    void everySiteDeploysExactlyTheIntegrationsOfItsRoutes() {
        for (Manifests.Site site : Manifests.sites()) {
            assertThat(site.ofKind("Integration")).extracting(Manifests::name).as(site.path())
                    .containsExactlyInAnyOrderElementsOf(SiteProperties.integrations(site).stream()
                            .map(RouteIntegration::name).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrations")
    void sourcesAreTheRouteFilesAndBeansOfTheRepository(Deployed deployed) throws IOException {
        List<Path> files = new ArrayList<>(deployed.integration().routeFiles());
        files.addAll(deployed.integration().beanFiles());
        Map<String, String> expected = new LinkedHashMap<>();
        for (Path file : files) {
            expected.put(file.getFileName().toString(), Files.readString(file));
        }
        Map<String, String> sources = new LinkedHashMap<>();
        deployed.model().getSpec().getSources().forEach(source -> sources.put(source.getName(), source.getContent()));

        assertThat(sources).as("run manifests/generate.sh").containsExactlyEntriesOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrations")
    void embeddedRoutesMatchTheCamelYamlDslSchema(Deployed deployed) throws IOException {
        for (Sources source : deployed.model().getSpec().getSources()) {
            if (source.getName().endsWith(".camel.yaml")) {
                assertThat(CamelYamlDsl.violations(CamelYamlDsl.YAML.readTree(source.getContent())))
                        .as("Camel YAML DSL schema violations of %s", source.getName()).isEmpty();
            }
        }
    }

    // Each key once: the Integration's own properties or the site's ConfigMap, never both (which one wins differs
    // between Camel K runtimes).
    @ParameterizedTest(name = "{0}")
    @MethodSource("integrations")
    void propertiesAreTheIntegrationsOwnLessTheSiteSettings(Deployed deployed) {
        Map<String, String> site = SiteProperties.of(deployed.site());
        Map<String, String> expected = new LinkedHashMap<>();
        PropertiesFile.read(deployed.integration().propertiesFile()).forEach((key, value) -> {
            if (!site.containsKey(key)) {
                expected.put(key, value);
            }
        });
        Map<String, String> properties = new LinkedHashMap<>(deployed.camelProperties());
        properties.remove("edgeloop.home");
        properties.remove(IntegrationManifest.QUARKUS_BODY_LIMIT);

        assertThat(properties).containsExactlyEntriesOf(expected);
        assertThat(deployed.camelProperties().keySet()).as("keys also set by the site").doesNotContainAnyElementsOf(
                site.keySet());
    }

    // What would fail at start as "Property with key [...] not found" in the cluster.
    @ParameterizedTest(name = "{0}")
    @MethodSource("integrations")
    void everyPlaceholderOfTheRoutesAndPropertiesResolves(Deployed deployed) throws IOException {
        Map<String, String> available = new LinkedHashMap<>(SiteProperties.of(deployed.site()));
        available.putAll(deployed.camelProperties());
        Set<String> placeholders = new TreeSet<>();
        StringBuilder text = new StringBuilder(deployed.sourceText());
        available.values().forEach(value -> text.append(value).append('\n'));
        for (Matcher placeholder = REQUIRED_PLACEHOLDER.matcher(text); placeholder.find(); ) {
            placeholders.add(placeholder.group(1).strip());
        }
        placeholders.removeAll(deployed.templateParameters());

        assertThat(available.keySet()).as("properties of the Integration and its site").containsAll(placeholders);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrations")
    void runsOnTheCamelQuarkusReleaseOfTheRoutesCamel(Deployed deployed) {
        JsonNode camel = deployed.document().path("spec").path("traits").path("camel");

        assertThat(camel.path("runtimeProvider").asText()).isEqualTo(IntegrationManifest.RUNTIME_PROVIDER);
        assertThat(camel.path("runtimeVersion").asText()).isEqualTo(IntegrationManifest.RUNTIME_VERSION);
        assertThat(deployed.model().getSpec().getTraits().getBuilder().getProperties())
                .containsAll(IntegrationManifest.BUILD_PROPERTIES);
    }

    // Quarkus refuses bodies over 10 MiB by default: the feeder's uploads and the shopper's photos are larger.
    @ParameterizedTest(name = "{0}")
    @MethodSource("integrations")
    void httpIntegrationsTakeTheBodiesCamelMainTakes(Deployed deployed) {
        Map<String, String> properties = deployed.camelProperties();
        boolean http = deployed.sourceText().contains("platform-http:");

        assertThat(properties.get(IntegrationManifest.QUARKUS_BODY_LIMIT)).isEqualTo(!http ? null
                : properties.getOrDefault(IntegrationManifest.CAMEL_BODY_LIMIT, IntegrationManifest.NO_BODY_LIMIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrations")
    void dependenciesCoverWhatTheRoutesAndBeansUse(Deployed deployed) {
        Set<String> needed = new TreeSet<>();
        String text = deployed.sourceText() + String.join("\n", deployed.camelProperties().values());
        DEPENDENCY_OF_USE.forEach((use, dependency) -> {
            if (use.matcher(text).find()) {
                needed.add(dependency);
            }
        });
        needed.add("camel:observability-services");

        assertThat(deployed.model().getSpec().getDependencies()).as("spec.dependencies (in %s)",
                RepositoryFiles.relative(deployed.integration().settingsFile())).containsAll(needed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrations")
    void healthProbesAreCamelsObserveEndpoints(Deployed deployed) {
        Traits traits = deployed.model().getSpec().getTraits();

        assertThat(traits.getHealth().getEnabled()).isTrue();
        assertThat(traits.getHealth().getLivenessProbeEnabled()).isTrue();
        assertThat(traits.getHealth().getReadinessProbeEnabled()).isTrue();
        assertThat(traits.getHealth().getLivenessProbe()).isEqualTo("/observe/health/live");
        assertThat(traits.getHealth().getReadinessProbe()).isEqualTo("/observe/health/ready");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrations")
    void mountsTheSiteSettings(Deployed deployed) {
        assertThat(deployed.model().getSpec().getTraits().getMount().getConfigs())
                .contains("configmap:" + SiteProperties.configMapName(deployed.site()));
    }

    @Test
    void theNewerRuntimeProviderFieldIsAcceptedOnlyOnTheCamelTrait() {
        String integration = """
                apiVersion: camel.apache.org/v1
                kind: Integration
                metadata:
                  name: x
                spec:
                  traits:
                    %s:
                      runtimeProvider: plain-quarkus
                """;

        assertThat(ManifestModels.read(yaml(integration.formatted("camel")))).isInstanceOf(Integration.class);
        assertThatThrownBy(() -> ManifestModels.read(yaml(integration.formatted("container"))))
                .hasMessageContaining("runtimeProvider");
        assertThatThrownBy(() -> ManifestModels.read(yaml(integration.formatted("camel")
                .replace("runtimeProvider", "runtimeProvder")))).hasMessageContaining("runtimeProvder");
    }

    private static JsonNode yaml(String text) {
        try {
            return CamelYamlDsl.YAML.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The Camel K dependency a use in the routes, beans or properties needs. */
    private static Map<Pattern, String> dependencyRules() {
        Map<Pattern, String> rules = new LinkedHashMap<>();
        rules.put(Pattern.compile("platform-http:"), "camel:platform-http");
        rules.put(Pattern.compile("(?m)^\\s*(- )?jq:|jq: *\\{|\\bjq:\\s*$"), "camel:jq");
        rules.put(Pattern.compile("\"language:"), "camel:language");
        rules.put(Pattern.compile("kubernetes-[a-z-]+:"), "camel:kubernetes");
        // Our convention: a to/toD whose URI starts with a placeholder is an HTTP URL (…-url properties).
        rules.put(Pattern.compile("(to|toD|uri): \"\\{\\{[a-z.-]*url}}"), "camel:http");
        rules.put(Pattern.compile("import com\\.fasterxml\\.jackson|marshal:\\s*\\n\\s*json:"), "camel:jackson");
        rules.put(Pattern.compile("webjars"), "mvn:org.webjars.npm:paho-mqtt:1.1.0");
        return rules;
    }
}
