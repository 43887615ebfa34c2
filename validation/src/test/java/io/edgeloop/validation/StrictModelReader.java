package io.edgeloop.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads YAML into fabric8-generated models (Camel K, Tekton, Kubernetes) so that a misspelled field fails.
 * Every generated class, {@code ObjectMeta} included (so {@code metadata.lables}), keeps unknown fields
 * through a {@code @JsonAnySetter}, which takes precedence over {@code FAIL_ON_UNKNOWN_PROPERTIES}; dropping
 * the any-setters makes Jackson report them instead. Duplicate keys fail too.
 */
final class StrictModelReader {

    private final ObjectMapper mapper;

    /**
     * @param freeForm the classes that hold arbitrary content by design and keep their any-setter; the
     *                 caller checks that content itself
     */
    StrictModelReader(Class<?>... freeForm) {
        this(Map.of(), freeForm);
    }

    /**
     * @param newerFields fields a class may hold beyond its model, by name: fields of a newer API version than the
     *                    model the build can fetch; they are skipped, the caller checks them itself
     * @param freeForm    as above
     */
    StrictModelReader(Map<Class<?>, Set<String>> newerFields, Class<?>... freeForm) {
        this.mapper = new ObjectMapper(new YAMLFactory())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(new SimpleModule().setDeserializerModifier(new WithoutAnySetter(Set.of(freeForm))))
                .addHandler(new NewerFields(newerFields));
    }

    <T> T read(Path file, Class<T> type) throws IOException {
        return mapper.readValue(file.toFile(), type);
    }

    <T> T read(String yaml, Class<T> type) throws IOException {
        return mapper.readValue(yaml, type);
    }

    /** Content already read, e.g. a document of {@link #documents} or the content of a free-form class. */
    <T> T convert(Object content, Class<T> type) throws IOException {
        return mapper.treeToValue(mapper.valueToTree(content), type);
    }

    /** The documents of a YAML stream ({@code ---} separated), duplicate keys rejected. */
    List<JsonNode> documents(Path file) throws IOException {
        return mapper.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
    }

    List<JsonNode> documents(String yaml) throws IOException {
        return mapper.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
    }

    private static final class NewerFields extends DeserializationProblemHandler {

        private final Map<Class<?>, Set<String>> fields;

        NewerFields(Map<Class<?>, Set<String>> fields) {
            this.fields = fields;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                JsonDeserializer<?> deserializer, Object beanOrClass, String property) throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            if (!fields.getOrDefault(type, Set.of()).contains(property)) {
                return false;
            }
            parser.skipChildren();
            return true;
        }
    }

    private static final class WithoutAnySetter extends BeanDeserializerModifier {

        private final Set<Class<?>> freeForm;

        WithoutAnySetter(Set<Class<?>> freeForm) {
            this.freeForm = freeForm;
        }

        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                BeanDeserializerBuilder builder) {
            if (!freeForm.contains(bean.getBeanClass())) {
                builder.setAnySetter(null);
            }
            return builder;
        }
    }
}
