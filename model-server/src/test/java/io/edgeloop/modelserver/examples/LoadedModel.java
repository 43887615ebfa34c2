package io.edgeloop.modelserver.examples;

import io.edgeloop.modelserver.metrics.ServerMetrics;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.ServedVersion;
import io.edgeloop.modelserver.versions.VersionDirectories;
import io.edgeloop.modelserver.versions.VersionLabels;
import io.edgeloop.modelserver.versions.VersionLoader;
import io.edgeloop.modelserver.versions.VersionPolicy;
import io.edgeloop.modelserver.versions.VersionSpec;
import io.edgeloop.modelserver.versions.VersionWatcher;
import io.edgeloop.modelserver.versions.Warmup;
import java.nio.file.Path;

/** The latest version of a model base path, loaded and leased as the server does, until closed. */
final class LoadedModel implements AutoCloseable {

    private final ModelVersions versions;
    private final ServedVersion.Lease lease;

    LoadedModel(String name, Path modelBase) {
        versions = new ModelVersions(name, VersionLabels.NONE);
        new VersionWatcher(new VersionDirectories(modelBase), VersionPolicy.parse("latest"),
                new VersionLoader(new Warmup()), versions, new ServerMetrics()).poll();
        lease = versions.acquire(name, VersionSpec.LATEST);
    }

    ServedVersion version() {
        return lease.version();
    }

    @Override
    public void close() {
        lease.close();
        versions.retireAll();
    }
}
