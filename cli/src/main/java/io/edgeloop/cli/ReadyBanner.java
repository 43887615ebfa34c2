package io.edgeloop.cli;

import java.util.List;
import java.util.Objects;

import io.edgeloop.local.LocalPlatform;
import io.edgeloop.local.infra.EdgeServers;
import io.edgeloop.local.infra.Infrastructure;
import io.edgeloop.local.integration.IntegrationRunner;
import io.edgeloop.local.integration.Site;
import io.edgeloop.modelserver.ModelServer;

/** What {@code edgeloop up} prints once everything answers: what runs where, per site, and what to try. */
final class ReadyBanner {

    private final LocalPlatform platform;
    private final List<ModelServer> modelServers;
    private final boolean infraOnly;

    /** @param modelServers one per edge, in the platform's edge order; none when only the infrastructure runs */
    ReadyBanner(LocalPlatform platform, List<ModelServer> modelServers) {
        this.platform = platform;
        this.modelServers = modelServers;
        this.infraOnly = modelServers.isEmpty();
    }

    String render(long startMillis) {
        Infrastructure infra = platform.infrastructure();
        List<String> edges = platform.config().edgeIds();
        StringBuilder out = new StringBuilder();
        out.append("\nEdgeLoop is ready in ").append(startMillis).append(" ms (").append(edges.size() == 1
                ? "edge " + edges.get(0) : edges.size() + " edges: " + String.join(", ", edges)).append(")\n");
        out.append("Central site\n");
        row(out, "Kafka", infra.kafka().bootstrapServers());
        row(out, "S3", infra.centralS3().endpoint() + "  " + infra.centralS3().buckets());
        if (platform.trainingEndpointRunning()) {
            row(out, "training", "http://localhost:" + platform.config().port("pipeline.port")
                    + "  (POST {\"id-edge\": \"" + edges.get(0) + "\"}, the Tekton EventListener contract)");
        }
        integrations(out, Site.CENTRAL, null);
        for (int i = 0; i < edges.size(); i++) {
            EdgeServers edge = infra.edge(edges.get(i));
            out.append("Edge ").append(edge.edgeId()).append('\n');
            row(out, "S3", edge.s3().endpoint() + "  " + edge.s3().buckets());
            row(out, "MQTT", edge.mqtt().tcpUrl() + "  (WebSocket " + edge.mqtt().webSocketUrl() + ")");
            integrations(out, Site.EDGE, edge.edgeId());
            if (!infraOnly) {
                ModelServer server = modelServers.get(i);
                row(out, "model server", "http://localhost:" + server.port() + "/v1/models/" + server.modelName()
                        + "  (serving " + platform.modelRepository(edge.edgeId()).resolve(server.modelName()) + ")");
                row(out, "model server gRPC", "localhost:" + server.grpcPort()
                        + "  (TF Serving's PredictionService and ModelService)");
                row(out, "web app", "http://localhost:" + platform.config().edgePort("shopper.port", edge.edgeId())
                        + "/ui/  (detection, ingestion, monitor, admin)");
            }
        }
        if (!infraOnly) {
            out.append(platform.config().get(LocalPlatform.ADMIN_TOKEN).isEmpty()
                    ? "Admin and shipping endpoints: open to anyone who reaches the shopper (set shopper.admin-token"
                            + " to guard them)\n"
                    : "Admin and shipping endpoints: they need Authorization: Bearer <shopper.admin-token>; the web app"
                            + " asks for it\n");
        }
        out.append("S3 access key: ").append(platform.config().s3Credentials().accessKey())
                .append(" (secret: see EDGELOOP_S3_SECRET_KEY or README)\n");
        out.append("State: ").append(platform.config().dataDir()).append(platform.config().persistentStorage()
                ? " (S3 objects on disk: kept over any stop)\n"
                : " (S3 objects in memory, --ephemeral: gone at stop)\n");
        if (infraOnly) {
            out.append("\nInfrastructure only. Run a stage against it, e.g.:\n  bin/camel run routes/edge/price-engine/*"
                    + " --local-kamelet-dir kamelets \\\n    --properties ")
                    .append(platform.connectionFile(Site.EDGE)).append('\n');
        } else {
            out.append("\nTry:\n")
                    .append("  client/detect.sh photo.jpg                      # price tag of a product photo\n")
                    .append("  client/ingest.sh photo.jpg 'Green Tea'          # a labelled photo for training\n")
                    .append("  client/upload-zip.sh ../shared/dataset          # ship photos to central: retrain\n")
                    .append("  open http://localhost:").append(platform.config().edgePort("shopper.port", edges.get(0)))
                    .append("/ui/monitor.html to watch the loop\n");
        }
        return out.append("Press Ctrl-C to stop.").toString();
    }

    private void integrations(StringBuilder out, Site site, String edgeId) {
        for (IntegrationRunner integration : platform.integrations()) {
            if (integration.integration().site() == site && Objects.equals(integration.edgeId(), edgeId)) {
                row(out, integration.integration().name(), "http://localhost:" + integration.port());
            }
        }
    }

    private static void row(StringBuilder out, String name, String where) {
        out.append(String.format("  %-14s %s%n", name, where));
    }
}
