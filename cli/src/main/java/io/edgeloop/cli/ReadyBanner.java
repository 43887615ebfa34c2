package io.edgeloop.cli;

import io.edgeloop.local.LocalPlatform;
import io.edgeloop.local.infra.Infrastructure;
import io.edgeloop.local.integration.IntegrationRunner;
import io.edgeloop.local.integration.Site;
import io.edgeloop.modelserver.ModelServer;

/** What {@code edgeloop up} prints once everything answers: what runs where. */
final class ReadyBanner {

    private final LocalPlatform platform;
    private final ModelServer modelServer;
    private final boolean infraOnly;

    /** @param modelServer null when only the infrastructure runs */
    ReadyBanner(LocalPlatform platform, ModelServer modelServer) {
        this.platform = platform;
        this.modelServer = modelServer;
        this.infraOnly = modelServer == null;
    }

    String render(long startMillis) {
        Infrastructure infra = platform.infrastructure();
        StringBuilder out = new StringBuilder();
        out.append("\nEdgeLoop is ready in ").append(startMillis).append(" ms (edge ")
                .append(platform.config().edgeId()).append(")\n");
        row(out, "Kafka", infra.kafka().bootstrapServers());
        row(out, "central S3", infra.centralS3().endpoint() + "  " + infra.centralS3().buckets());
        row(out, "edge S3", infra.edgeS3().endpoint() + "  " + infra.edgeS3().buckets());
        row(out, "MQTT", infra.mqtt().tcpUrl() + "  (WebSocket " + infra.mqtt().webSocketUrl() + ")");
        if (platform.trainingEndpointRunning()) {
            row(out, "training", "http://localhost:" + platform.config().port("pipeline.port")
                    + "  (POST {\"id-edge\": \"edge1\"}, the Tekton EventListener contract)");
        }
        for (IntegrationRunner integration : platform.integrations()) {
            row(out, integration.integration().name(), "http://localhost:" + integration.port());
        }
        if (modelServer != null) {
            row(out, "model server", "http://localhost:" + modelServer.port() + "/v1/models/" + modelServer.modelName()
                    + "  (TF Serving REST, serving " + platform.modelRepository().resolve(modelServer.modelName()) + ")");
        }
        out.append("S3 access key: ").append(platform.config().s3Credentials().accessKey())
                .append(" (secret: see EDGELOOP_S3_SECRET_KEY or README)\n");
        if (infraOnly) {
            out.append("\nInfrastructure only. Run a route against it, e.g.:\n  bin/camel run routes/edge/price-engine.camel.yaml"
                    + " --local-kamelet-dir kamelets \\\n    --properties routes/edge/price-engine.properties,")
                    .append(platform.connectionFile(Site.EDGE)).append('\n');
        } else {
            out.append("\nTry: curl 'http://localhost:").append(platform.config().port("price-engine.port"))
                    .append("/price?item=tea-green'\n");
        }
        return out.append("Press Ctrl-C to stop.").toString();
    }

    private static void row(StringBuilder out, String name, String where) {
        out.append(String.format("  %-14s %s%n", name, where));
    }
}
