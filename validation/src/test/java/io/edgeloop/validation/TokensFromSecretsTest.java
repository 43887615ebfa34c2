package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.manifests.IntegrationManifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upload and admin tokens reach the Integrations only from Secrets, each edge its own: the feeder's
 * {@code feeder.tokens} and each edge shopper's {@code shopper.feeder-token} and {@code shopper.admin-token} are set
 * once, as {@code {{env:X}}}, and the Integration's container takes X from a key of a Secret of its site. A token left
 * empty (uploads or the admin endpoints open), written into a setting, or shared by every edge fails here. Secret
 * values are compared, never printed.
 */
class TokensFromSecretsTest {

    private static final Pattern FROM_ENVIRONMENT = Pattern.compile("\\{\\{env:([A-Z0-9_]+)}}");

    static Stream<Named<Manifests.Site>> edges() {
        return Manifests.edges().stream().map(edge -> Named.of(edge.path(), edge));
    }

    /** Where a token comes from: a key of a Secret, and the value it holds in this rendering. */
    record SecretKey(String secret, String key, String value) {
    }

    @Test
    void theFeederTakesEveryEdgesUploadTokenFromASecret() {
        SecretKey tokens = secretBehind(Manifests.central(), "feeder", "feeder.tokens");

        assertThat(uploadTokens(tokens.value()).keySet()).as("edges with an upload token at the central site")
                .isEqualTo(new TreeSet<>(Manifests.edges().stream().map(Manifests::edgeId).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void theShopperTakesItsUploadAndAdminTokensFromASecret(Manifests.Site edge) {
        SecretKey upload = secretBehind(edge, "shopper", "shopper.feeder-token");
        SecretKey admin = secretBehind(edge, "shopper", "shopper.admin-token");

        assertThat(upload.value().equals(admin.value())).as("the upload token is not the admin token").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void theShopperSendsTheUploadTokenTheFeederListsForItsEdge(Manifests.Site edge) {
        String listed = uploadTokens(secretBehind(Manifests.central(), "feeder", "feeder.tokens").value())
                .get(Manifests.edgeId(edge));

        assertThat(secretBehind(edge, "shopper", "shopper.feeder-token").value().equals(listed))
                .as("%s's upload token is the one manifests/central lists for it", edge).isTrue();
    }

    @Test
    void noTwoEdgesShareAToken() {
        List<String> tokens = new ArrayList<>();
        for (Manifests.Site edge : Manifests.edges()) {
            tokens.add(secretBehind(edge, "shopper", "shopper.feeder-token").value());
            tokens.add(secretBehind(edge, "shopper", "shopper.admin-token").value());
        }

        assertThat(new TreeSet<>(tokens).size()).as("distinct tokens of %d edges", Manifests.edges().size())
                .isEqualTo(tokens.size());
    }

    /** The Secret key behind a setting of an Integration; fails unless the setting is {{env:X}} from a Secret. */
    private static SecretKey secretBehind(Manifests.Site site, String integrationName, String setting) {
        ObjectNode integration = site.named("Integration", integrationName)
                .orElseThrow(() -> new AssertionError(site + " has no Integration " + integrationName));
        String value = settingOf(site, integration, setting);
        Matcher variable = FROM_ENVIRONMENT.matcher(value);
        assertThat(variable.matches()).as("%s: %s of %s must be {{env:<VARIABLE>}} from a Secret, not '%s'", site,
                setting, integrationName, value.isEmpty() ? "" : "<a value>").isTrue();

        JsonNode reference = environment(integration, variable.group(1)).path("valueFrom").path("secretKeyRef");
        assertThat(reference.isMissingNode()).as("%s: %s of %s takes %s from a Secret's key", site, setting,
                integrationName, variable.group(1)).isFalse();
        String secret = reference.path("name").asText();
        String key = reference.path("key").asText();
        JsonNode data = site.named("Secret", secret)
                .orElseThrow(() -> new AssertionError(site + " has no Secret " + secret)).path("data").path(key);
        assertThat(data.isMissingNode()).as("%s: Secret %s has the key %s", site, secret, key).isFalse();
        return new SecretKey(secret, key, new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.UTF_8));
    }

    /** The setting's one value, from the site's connection settings or the Integration's own properties. */
    private static String settingOf(Manifests.Site site, ObjectNode integration, String setting) {
        List<String> values = new ArrayList<>();
        String fromSite = SiteProperties.of(site).get(setting);
        if (fromSite != null) {
            values.add(fromSite);
        }
        for (JsonNode line : integration.path("spec").path("traits").path("camel").path("properties")) {
            if (line.asText().startsWith(setting + "=")) {
                values.add(line.asText().substring(setting.length() + 1).strip());
            }
        }
        assertThat(values).as("%s: %s is set once", site, setting).hasSize(1);
        return values.get(0);
    }

    private static JsonNode environment(ObjectNode integration, String variable) {
        for (JsonNode container : integration.path("spec").path("template").path("spec").path("containers")) {
            if (container.path("name").asText().equals(IntegrationManifest.CONTAINER)) {
                for (JsonNode env : container.path("env")) {
                    if (env.path("name").asText().equals(variable)) {
                        return env;
                    }
                }
            }
        }
        return MissingNode.getInstance();
    }

    /** edge1=token1,edge2=token2 -> {edge1: token1, edge2: token2}, as the feeder reads feeder.tokens. */
    private static Map<String, String> uploadTokens(String tokens) {
        Map<String, String> byEdge = new LinkedHashMap<>();
        for (String entry : tokens.replace(" ", "").split(",")) {
            int equals = entry.indexOf('=');
            assertThat(equals).as("feeder.tokens entries are <edge>=<token>").isPositive();
            byEdge.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return byEdge;
    }
}
