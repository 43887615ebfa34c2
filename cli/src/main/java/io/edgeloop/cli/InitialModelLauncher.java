package io.edgeloop.cli;

import java.time.Duration;
import java.util.List;

import io.edgeloop.local.LocalPlatform;
import io.edgeloop.modelserver.ModelServer;

/**
 * After {@code edgeloop up} is ready: ships the initial photos of every edge without a model, in the
 * background, and says when that edge's model server serves the first version, so a user knows when
 * detection works.
 */
final class InitialModelLauncher {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private final LocalPlatform platform;
    private final InitialModel initialModel;
    private final List<ModelServer> modelServers;

    /** @param modelServers one per edge, in the order of the platform's edges */
    InitialModelLauncher(LocalPlatform platform, InitialModel initialModel, List<ModelServer> modelServers) {
        this.platform = platform;
        this.initialModel = initialModel;
        this.modelServers = modelServers;
    }

    void start() {
        Thread launcher = new Thread(this::run, "edgeloop-initial-model");
        launcher.setDaemon(true);
        launcher.start();
    }

    private void run() {
        List<String> edges = platform.config().edgeIds();
        for (int i = 0; i < edges.size(); i++) {
            String edge = edges.get(i);
            try {
                if (initialModel.missingFor(edge)) {
                    System.out.println(edge + " has no model yet: shipping " + initialModel.describe()
                            + " to the feeder; the loop trains and delivers version 1 (watch /ui/monitor.html)");
                    long started = System.nanoTime();
                    String summary = initialModel.ship(edge);
                    System.out.println(edge + ": feeder stored the batch " + summary);
                    if (InitialModel.storedNothingNew(summary)) {
                        System.out.println(edge + ": the feeder had these photos already (a stop cut their training"
                                + " short): training on them");
                        initialModel.requestTraining(edge);
                    }
                    awaitServed(edge, modelServers.get(i), started);
                }
            } catch (Exception e) {
                System.out.println(edge + ": no initial model (" + e.getMessage() + "); ship photos with"
                        + " client/upload-zip.sh to train one");
            }
        }
    }

    private static void awaitServed(String edge, ModelServer server, long started) throws InterruptedException {
        long deadline = started + PATIENCE.toNanos();
        while (server.availableVersions().isEmpty()) {
            if (System.nanoTime() > deadline) {
                System.out.println(edge + ": no model version served after " + PATIENCE.toMinutes()
                        + " minutes; see .edgeloop/training/ for the trainer's log");
                return;
            }
            Thread.sleep(500);
        }
        System.out.printf("%s serves %s version %d after %.0f s: detection works now%n", edge, server.modelName(),
                server.availableVersions().last(), (System.nanoTime() - started) / 1e9);
    }
}
