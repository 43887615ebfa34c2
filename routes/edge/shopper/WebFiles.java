package io.edgeloop.shopper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The static files of the web app: a request path under the mount point (e.g. {@code /ui/js/monitor.js})
 * resolved to a file of the web root, or under {@code webjars/} to a webjar on the classpath. Only files of a
 * known type are served, never a hidden one (any path segment starting with a dot) nor anything outside the
 * root or the webjars: the request path is decoded and checked segment by segment, and symbolic links must
 * stay inside the root too.
 */
public final class WebFiles {

    /** A file to send: its bytes and Content-Type. */
    public record WebFile(byte[] content, String contentType) {
    }

    private static final String WEBJARS = "webjars/";
    private static final String CLASSPATH_WEBJARS = "META-INF/resources/webjars/";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"));

    private final Path root;
    private final String mount;

    /**
     * @param root the directory of the web app's files
     * @param mount the URL path the web app is served under, e.g. {@code /ui}
     */
    public WebFiles(String root, String mount) {
        this.root = Path.of(root).toAbsolutePath().normalize();
        this.mount = mount.endsWith("/") ? mount : mount + "/";
    }

    /** The file a request path names ({@code <mount>/} is {@code index.html}), or null: none, or not served. */
    public WebFile find(String requestPath) {
        String relative = relativePath(requestPath);
        if (relative == null) {
            return null;
        }
        String contentType = TYPES.get(extension(relative));
        if (contentType == null) {
            return null;
        }
        byte[] content = relative.startsWith(WEBJARS)
                ? webjar(relative.substring(WEBJARS.length()))
                : rootFile(relative);
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
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative = relative + "index.html";
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || segment.contains("\\") || segment.contains(":")
                    || segment.chars().anyMatch(Character::isISOControl)) {
                return null;
            }
        }
        return relative;
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase();
    }

    private byte[] rootFile(String relative) {
        Path file = root.resolve(relative).normalize();
        try {
            if (!file.startsWith(root) || !Files.isRegularFile(file)
                    || !file.toRealPath().startsWith(root.toRealPath())) {
                return null;
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] webjar(String relative) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CLASSPATH_WEBJARS + relative)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
