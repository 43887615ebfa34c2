package io.edgeloop.modelserver;

import io.edgeloop.modelserver.testing.TrainedModels;
import io.edgeloop.modelserver.testing.TrainedModels.Model;
import io.edgeloop.modelserver.versions.VersionLabels;
import io.edgeloop.modelserver.versions.VersionPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * API contract tests share one server per test class: version 1 ({@link Model#TEA}) and version 2
 * ({@link Model#MINT}) both served (policy all), labelled stable=1, canary=2 and future=9 (a version never on disk).
 */
abstract class TwoVersionsServed {

    @TempDir
    static Path base;

    static ModelServer server;
    static RestClient client;

    @BeforeAll
    static void serveTwoVersions() throws Exception {
        TrainedModels.install(base, 1, Model.TEA);
        TrainedModels.install(base, 2, Model.MINT);
        server = ModelServer.start(ServerSettings.defaults(TrainedModels.NAME, base).withRestPort(0)
                .withVersionPolicy(VersionPolicy.parse("all"))
                .withVersionLabels(VersionLabels.parse("stable=1,canary=2,future=9")));
        client = new RestClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }
}
