package io.edgeloop.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.camel.v1.Kamelet;
import org.apache.camel.v1.kameletspec.Template;

/**
 * Reads Kamelets into the Camel K model so that a misspelled field fails. fabric8's {@code ObjectMeta}
 * (so {@code metadata.lables}) keeps unknown fields through a {@code @JsonAnySetter}, which takes precedence
 * over {@code FAIL_ON_UNKNOWN_PROPERTIES}; dropping the any-setters makes Jackson report them instead.
 */
final class StrictKameletReader {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().setDeserializerModifier(new WithoutAnySetter()));

    private StrictKameletReader() {
    }

    static Kamelet read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Kamelet.class);
    }

    static Kamelet read(String yaml) throws IOException {
        return MAPPER.readValue(yaml, Kamelet.class);
    }

    private static final class WithoutAnySetter extends BeanDeserializerModifier {

        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                BeanDeserializerBuilder builder) {
            // The template is a Camel route held as a map by design; KameletTemplate checks it against the schema.
            if (bean.getBeanClass() != Template.class) {
                builder.setAnySetter(null);
            }
            return builder;
        }
    }
}
