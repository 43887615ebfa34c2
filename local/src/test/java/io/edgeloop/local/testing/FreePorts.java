package io.edgeloop.local.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.edgeloop.local.PlatformConfig;

/**
 * Free TCP ports, so tests never collide with a platform running on the default ports.
 *
 * <p>Ports come from below Linux's ephemeral range (32768-60999). A port the kernel hands out for
 * {@code bind(0)} lies inside that range, so between picking it and the server binding it, any outgoing
 * connection (a Kafka client, an S3 call) may take it as its local port: CI saw a gRPC server fail with
 * "Address already in use" that way. Ports below the range are never given to outgoing connections.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final int ATTEMPTS = 1_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * Platform settings that move every port to a free one and the state to {@code dataDir}. S3 keeps its objects
     * in memory, faster than on disk (a flush per object): tests of persistence and crashes set {@code storage=disk},
     * and {@code -Dedgeloop.test.storage=disk} runs every test against the store on disk.
     */
    public static Map<String, String> platformSettings(Path dataDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data.dir", dataDir.toString());
        settings.put("storage", System.getProperty("edgeloop.test.storage", "ephemeral"));
        for (String key : PlatformConfig.defaults().asMap().keySet()) {
            if (key.endsWith(".port") || key.endsWith("-port")) {
                settings.put(key, Integer.toString(next()));
            }
        }
        return settings;
    }

    /** A port nobody listens on now and that this JVM has not handed out before. */
    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
