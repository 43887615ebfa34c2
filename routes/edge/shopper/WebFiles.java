package io.edgeloop.shopper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The static files of the web app: a request path under the mount point (e.g. {@code /ui/js/monitor.js}) resolved to
 * a file of the web root, or under {@code webjars/} to a webjar on the classpath. Only files of a known type, never a
 * hidden one nor anything outside the root or the webjars (decoded path checked segment by segment, symbolic links
 * too). Camel Main's static serving in 4.17 also serves the working directory and the classpath root (CAMEL-24438).
 */
public final class WebFiles {

    /** A file to send: its bytes and Content-Type. */
    public record WebFile(byte[] content, String contentType) {
    }

    private static final String WEBJARS = "webjars/";
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("ico", "image/x-icon"));

    private final Path root;
    private final String mount;

    /** @param root the directory of the web app's files; @param mount the URL path it is served under, e.g. /ui */
    public WebFiles(String root, String mount) {
        this.root = Path.of(root).toAbsolutePath().normalize();
        this.mount = mount.endsWith("/") ? mount : mount + "/";
    }

    /** The file a request path names ({@code <mount>/} is {@code index.html}), or null: none, or not served. */
    public WebFile find(String requestPath) {
        String relative = relativePath(requestPath);
        String contentType = relative == null ? null : TYPES.get(relative.substring(relative.lastIndexOf('.') + 1).toLowerCase());
        if (contentType == null) {
            return null;
        }
        byte[] content = relative.startsWith(WEBJARS) ? webjar(relative.substring(WEBJARS.length())) : rootFile(relative);
        return content == null ? null : new WebFile(content, contentType);
    }

    /** The decoded path below the mount point, or null when it is not below it or not a safe plain path. */
    private String relativePath(String requestPath) {
        if (requestPath == null || !requestPath.startsWith(mount)) {
            return null;
        }
        String relative;
        try {
            // '+' is a plain character in a path, not a space as in a query string.
            relative = URLDecoder.decode(requestPath.substring(mount.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        relative = relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative;
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || segment.contains("\\") || segment.contains(":")
                    || segment.chars().anyMatch(Character::isISOControl)) {
                return null;
            }
        }
        return relative.contains(".") ? relative : null;
    }

    private byte[] rootFile(String relative) {
        Path file = root.resolve(relative).normalize();
        try {
            boolean inside = file.startsWith(root) && Files.isRegularFile(file) && file.toRealPath().startsWith(root.toRealPath());
            return inside ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] webjar(String relative) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/resources/webjars/" + relative)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
