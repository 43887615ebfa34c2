package io.edgeloop.validation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.v1.kameletspec.Template;

/** A Kamelet template, which is one {@code from:} route, checked as a route of the Camel YAML DSL. */
final class KameletTemplate {

    private KameletTemplate() {
    }

    /** The schema messages for the template; also the only way a misspelled key at its top is caught. */
    static List<String> violations(Template template) {
        Map<String, Object> content = template.getAdditionalProperties();
        if (!content.keySet().equals(Set.of("from"))) {
            return List.of("template must hold exactly one 'from:' route, found " + content.keySet());
        }
        Object routes = List.of(Map.of("route", Map.of("from", content.get("from"))));
        return CamelYamlDsl.violations(CamelYamlDsl.YAML.valueToTree(routes));
    }
}
