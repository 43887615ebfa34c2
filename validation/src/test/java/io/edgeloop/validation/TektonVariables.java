package io.edgeloop.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code $(...)} variables that Tekton substitutes, found anywhere in a resource or a part of it. */
final class TektonVariables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TektonVariables() {
    }

    /**
     * The names that {@code $(<prefix>.name...)} or {@code $(<prefix>["name"]...)} (quotes escaped or not) refer to, e.g. the params of
     * {@code $(params.edge_id)} with prefix {@code params}, or of {@code $(tt.params.edge_id)} with {@code tt.params}.
     */
    static Set<String> names(String prefix, Object model) {
        Pattern variable = Pattern.compile("\\$\\(" + Pattern.quote(prefix)
                + "(?:\\.([A-Za-z0-9_-]+)|\\[\\\\?['\"]([^'\"\\\\]+)\\\\?['\"]])");
        Set<String> names = new TreeSet<>();
        for (Matcher found = variable.matcher(text(model)); found.find(); ) {
            names.add(found.group(1) != null ? found.group(1) : found.group(2));
        }
        return names;
    }

    /** The whole of {@code model} as text, values (with their variables) unescaped enough to be searched. */
    static String text(Object model) {
        try {
            return model instanceof String string ? string : JSON.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
