package io.edgeloop.local.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgeloop.local.EdgeIds;

/**
 * The local stand-in of the Tekton EventListener {@code el-train-model-listener}: {@code POST /} with
 * {@code {"id-edge": "edge1", "batch-id": "..."}} answers 202 and starts (or queues) training of that edge;
 * {@code GET /} tells which edges are training.
 */
public final class TrainingEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final TrainingScheduler scheduler;

    public TrainingEndpoint(int port, TrainingScheduler scheduler) throws IOException {
        this.scheduler = scheduler;
        this.server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "POST" -> submit(exchange);
                case "GET" -> reply(exchange, 200, Map.of("training", scheduler.status()));
                default -> reply(exchange, 405, Map.of("error", "use POST {\"id-edge\": \"<edge>\"} or GET"));
            }
        }
    }

    private void submit(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            reply(exchange, 400, Map.of("error", "body must be JSON {\"id-edge\": \"<edge>\"}"));
            return;
        }
        String edgeId = body == null ? "" : body.path("id-edge").asText("");
        if (!EdgeIds.isValid(edgeId)) {
            reply(exchange, 400, Map.of("error", "id-edge must be " + EdgeIds.RULE));
            return;
        }
        String batchId = body.hasNonNull("batch-id") ? body.get("batch-id").asText() : null;
        TrainingScheduler.Outcome outcome = scheduler.submit(new TrainingRequest(edgeId, batchId));
        reply(exchange, 202, Map.of("edgeId", edgeId, "training", outcome.name().toLowerCase().replace('_', ' ')));
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] json = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        scheduler.close();
    }
}
