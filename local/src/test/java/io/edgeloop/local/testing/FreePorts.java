package io.edgeloop.local.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import io.edgeloop.local.PlatformConfig;

/**
 * Free TCP ports, so tests never collide with a platform running on the default ports.
 *
 * <p>Ports come from below Linux's ephemeral range (32768-60999). A port the kernel hands out for
 * {@code bind(0)} lies inside that range, so between picking it and the server binding it, any outgoing
 * connection (a Kafka client, an S3 call) may take it as its local port: CI saw a gRPC server fail with
 * "Address already in use" that way. Ports below the range are never given to outgoing connections.
 *
 * <p>A port is handed out with the ports the platform derives from it for further edges (plus k times
 * {@code edges.port-step}): otherwise edge2's shopper could land on the port of a central service, and CI saw a
 * detection answered 404 by whichever server took the request.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final int ATTEMPTS = 1_000;
    /** Edges whose derived ports are kept free: the tests run at most three. */
    private static final int EDGES = 4;
    private static final int EDGE_STEP = PlatformConfig.defaults().port("edges.port-step");
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

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

    /**
     * A port nobody listens on now and that this JVM has not handed out before, nor any of the ports the platform
     * derives from it for further edges.
     */
    public static synchronized int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            List<Integer> derived = IntStream.range(0, EDGES).mapToObj(k -> port + k * EDGE_STEP).toList();
            if (derived.stream().noneMatch(HANDED_OUT::contains) && derived.stream().allMatch(FreePorts::bindable)) {
                HANDED_OUT.addAll(derived);
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
