package io.edgeloop.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Tekton EventListener {@code el-train-model-listener}: records every request and answers
 * 202 as Tekton does, or 503 for an edge it was told to fail for; it can also hold the answer for an edge
 * back, to look at the caller while a run is being started.
 */
final class EventListenerStub implements AutoCloseable {

    /** One request: its method, content type, JSON body, the edge it named and the status answered. */
    record Call(String method, String contentType, JsonNode body, String edge, int status) {

        boolean accepted() {
            return status / 100 == 2;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private final Map<String, Boolean> waiting = new ConcurrentHashMap<>();

    private EventListenerStub(HttpServer server) {
        this.server = server;
    }

    static EventListenerStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        EventListenerStub stub = new EventListenerStub(server);
        server.createContext("/", stub::handle);
        server.setExecutor(stub.executor);
        server.start();
        return stub;
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Answers 503 to the next {@code times} requests for this edge. */
    void failTimes(String edge, int times) {
        failuresLeft.put(edge, times);
    }

    void failAlways(String edge) {
        failTimes(edge, Integer.MAX_VALUE);
    }

    /** Holds the answers to requests for this edge back until {@link #release(String)}. */
    void hold(String edge) {
        held.put(edge, new CountDownLatch(1));
    }

    void release(String edge) {
        held.remove(edge).countDown();
    }

    /** Whether a request for this edge arrived and waits for its answer. */
    boolean isWaiting(String edge) {
        return waiting.containsKey(edge);
    }

    /** Every request that named this edge, in arrival order. */
    List<Call> calls(String edge) {
        return calls.stream().filter(call -> edge.equals(call.edge())).toList();
    }

    /** The bodies of the requests for this edge that were answered 2xx. */
    List<JsonNode> accepted(String edge) {
        return calls(edge).stream().filter(Call::accepted).map(Call::body).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        } catch (IOException e) {
            body = null;
        }
        String edge = body != null && body.hasNonNull("id-edge") ? body.get("id-edge").asText() : null;
        CountDownLatch hold = edge == null ? null : held.get(edge);
        if (hold != null) {
            waiting.put(edge, true);
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.remove(edge);
            }
        }
        Integer failuresAfterThis = edge == null ? null : failuresLeft.computeIfPresent(edge, (key, left) -> left - 1);
        int status;
        String reply;
        if (edge == null) {
            status = 400;
            reply = "{\"error\": \"id-edge missing\"}";
        } else if (failuresAfterThis != null && failuresAfterThis >= 0) {
            status = 503;
            reply = "{\"error\": \"listener unavailable\"}";
        } else {
            status = 202;
            reply = "{\"eventListener\": \"train-model-listener\", \"eventID\": \"" + UUID.randomUUID() + "\"}";
        }
        calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"), body,
                edge, status));
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        held.values().forEach(CountDownLatch::countDown);
        server.stop(0);
        executor.shutdownNow();
    }
}
