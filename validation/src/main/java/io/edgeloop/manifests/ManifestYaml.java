package io.edgeloop.manifests;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** Reads and writes the YAML of the manifests: block style, multi-line strings as literal blocks, no line folding. */
public final class ManifestYaml {

    /** Duplicate keys fail, as they do for Camel and kubectl. */
    public static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ManifestYaml() {
    }

    /** The document as YAML text, checked to read back as the same tree (no string turned into a number...). */
    public static String write(JsonNode document) {
        try {
            String yaml = MAPPER.writeValueAsString(document);
            if (!MAPPER.readTree(yaml).equals(document)) {
                throw new IllegalStateException("YAML output does not read back as written:\n" + yaml);
            }
            return yaml;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
