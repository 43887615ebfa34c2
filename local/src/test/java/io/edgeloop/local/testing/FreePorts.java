package io.edgeloop.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edgeloop.local.PlatformConfig;

/** Free TCP ports, so tests never collide with a platform running on the default ports. */
public final class FreePorts {

    private FreePorts() {
    }

    /** Platform settings that move every port to a free one and the state to {@code dataDir}. */
    public static Map<String, String> platformSettings(Path dataDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data.dir", dataDir.toString());
        for (String key : PlatformConfig.defaults().asMap().keySet()) {
            if (key.endsWith(".port") || key.endsWith("-port")) {
                settings.put(key, Integer.toString(next()));
            }
        }
        return settings;
    }

    public static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
