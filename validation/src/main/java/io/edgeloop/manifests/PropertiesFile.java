package io.edgeloop.manifests;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A properties file as ordered {@code key=value} entries (what Camel K takes as {@code camel.properties}), in the
 * plain syntax our files use; anything {@link Properties} would read differently (continuations, escapes) fails
 * rather than being copied wrongly.
 */
public final class PropertiesFile {

    private PropertiesFile() {
    }

    public static Map<String, String> read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> parse(String text, String source) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(source + ": not a key=value line: " + line);
            }
            String key = trimmed.substring(0, equals).strip();
            if (entries.put(key, trimmed.substring(equals + 1).stripLeading()) != null) {
                throw new IllegalArgumentException(source + ": " + key + " is set twice");
            }
        }
        Properties reference = new Properties();
        try {
            reference.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties parsed = new Properties();
        parsed.putAll(entries);
        if (!reference.equals(parsed)) {
            throw new IllegalArgumentException(source + ": uses properties syntax beyond key=value lines");
        }
        return entries;
    }
}
