package io.edgeloop.manifests;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of the repository an integration reads at run time ({@code catalogue/}, {@code web/}), shipped as a
 * ConfigMap and mounted at {@code /etc/edgeloop/<dir>}: its properties name such files as
 * {@code {{edgeloop.home:.}}/<dir>/...}, and the Integration sets {@code edgeloop.home} to {@code /etc/edgeloop}.
 * ConfigMap keys cannot hold a '/', so a file in a subdirectory is stored under its path with '_' for '/' and mounted
 * back at its path by the volume's items.
 */
public record MountedDirectory(Path root, String dir) {

    public static final String HOME_PROPERTY = "edgeloop.home";
    public static final String MOUNT_ROOT = "/etc/edgeloop";
    /** {@code {{edgeloop.home}}/dir} or {@code {{edgeloop.home:default}}/dir}: group 1 is the directory. */
    private static final Pattern HOME_PATH = Pattern.compile("\\{\\{" + Pattern.quote(HOME_PROPERTY)
            + "(?::[^}]*)?}}/([^/{}]+)");
    /** A ConfigMap holds at most 1 MiB; keep room for the metadata. */
    private static final long MAX_BYTES = 900 * 1024;

    public String configMapName() {
        return "edgeloop-" + dir;
    }

    public String volumeName() {
        return configMapName();
    }

    public String mountPath() {
        return MOUNT_ROOT + "/" + dir;
    }

    /** Relative path (with '/') to file, sorted; hidden files are left out. */
    public Map<String, Path> files() {
        Path base = root.resolve(dir);
        try (Stream<Path> walk = Files.walk(base)) {
            Map<String, Path> files = new TreeMap<>();
            walk.filter(Files::isRegularFile).forEach(file -> {
                String relative = base.relativize(file).toString().replace('\\', '/');
                if (Stream.of(relative.split("/")).noneMatch(segment -> segment.startsWith("."))) {
                    files.put(relative, file);
                }
            });
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String key(String relativePath) {
        return relativePath.replace('/', '_');
    }

    public ObjectNode configMap() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode configMap = json.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        configMap.putObject("metadata").put("name", configMapName());
        ObjectNode data = json.objectNode();
        ObjectNode binary = json.objectNode();
        long bytes = 0;
        for (Map.Entry<String, Path> file : files().entrySet()) {
            String key = key(file.getKey());
            if (data.has(key) || binary.has(key)) {
                throw new IllegalStateException(dir + "/" + file.getKey() + ": its key " + key + " is taken");
            }
            byte[] content = read(file.getValue());
            bytes += content.length;
            String text = utf8(content);
            if (text != null) {
                data.put(key, text);
            } else {
                binary.put(key, Base64.getEncoder().encodeToString(content));
            }
        }
        if (bytes > MAX_BYTES) {
            throw new IllegalStateException(dir + "/ holds " + bytes + " bytes, more than a ConfigMap takes");
        }
        if (!data.isEmpty()) {
            configMap.set("data", data);
        }
        if (!binary.isEmpty()) {
            configMap.set("binaryData", binary);
        }
        return configMap;
    }

    /** The pod volume: every key mounted back at its path. */
    public ObjectNode volume() {
        ObjectNode volume = JsonNodeFactory.instance.objectNode().put("name", volumeName());
        ObjectNode source = volume.putObject("configMap").put("name", configMapName());
        var items = source.putArray("items");
        for (String relative : files().keySet()) {
            items.addObject().put("key", key(relative)).put("path", relative);
        }
        return volume;
    }

    public ObjectNode volumeMount() {
        return JsonNodeFactory.instance.objectNode().put("name", volumeName()).put("mountPath", mountPath())
                .put("readOnly", true);
    }

    /** The directories a property value reads through {@code {{edgeloop.home...}}}, e.g. {@code web}. */
    public static List<String> referencedBy(String value) {
        return HOME_PATH.matcher(value).results().map(result -> result.group(1)).toList();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
