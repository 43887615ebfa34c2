package io.edgeloop.modelserver.versions;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Names for version numbers (stable=2,canary=3), TF Serving's version_labels: clients ask for a role, not a number. */
public record VersionLabels(Map<String, Long> versions) {

    /** What fits in {@code /labels/<label>:predict}. */
    private static final Pattern LABEL = Pattern.compile("[^/:,=\\s]+");

    public static final VersionLabels NONE = new VersionLabels(Map.of());

    public VersionLabels {
        versions.forEach((label, version) -> {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("A version label has no '/', ':', ',', '=' or spaces: '" + label + "'");
            }
            if (version < 0) {
                throw new IllegalArgumentException("Label " + label + " names a negative version " + version);
            }
        });
        versions = Collections.unmodifiableMap(new TreeMap<>(versions));
    }

    /**
     * Parses {@code stable=2,canary=3}; an empty text is no labels.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static VersionLabels parse(String text) {
        Map<String, Long> versions = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return NONE;
        }
        for (String pair : text.split(",")) {
            String[] parts = pair.split("=", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Version labels are label=version,..., not '" + text + "'");
            }
            try {
                if (versions.put(parts[0].trim(), Long.parseLong(parts[1].trim())) != null) {
                    throw new IllegalArgumentException("Label '" + parts[0].trim() + "' is given twice in '" + text + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Label '" + parts[0].trim() + "' needs a version number, not '"
                        + parts[1].trim() + "'", e);
            }
        }
        return new VersionLabels(versions);
    }

    public OptionalLong versionOf(String label) {
        Long version = versions.get(label);
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    @Override
    public String toString() {
        return versions.isEmpty() ? "none" : String.join(",", versions.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList());
    }
}
