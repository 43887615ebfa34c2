package io.edgeloop.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;

/**
 * The Camel YAML DSL schema shipped in camel-yaml-dsl (the version the integrations run on). It declares
 * {@code additionalProperties: false} throughout, so a misspelled step or option is a violation.
 */
final class CamelYamlDsl {

    /** Rejects duplicate keys like Camel's own YAML loader does, instead of silently keeping the last one. */
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
            .getSchema(SchemaLocation.of("classpath:schema/camelYamlDsl.json"));

    private CamelYamlDsl() {
    }

    /** The schema messages for a YAML DSL document (a list of routes, beans, ...); empty when valid. */
    static List<String> violations(JsonNode document) {
        return SCHEMA.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
