package io.edgeloop.local;

import java.util.regex.Pattern;

/**
 * What an edge id may be: it becomes part of S3 bucket and Kafka topic names. The one definition of the platform;
 * the routes receive it as {@code edge.id-pattern} through the central site's connection settings.
 */
public final class EdgeIds {

    public static final String PATTERN = "^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$";
    public static final String RULE = "1-32 lower case letters, digits or inner dashes";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private EdgeIds() {
    }

    public static boolean isValid(String edgeId) {
        return edgeId != null && COMPILED.matcher(edgeId).matches();
    }
}
