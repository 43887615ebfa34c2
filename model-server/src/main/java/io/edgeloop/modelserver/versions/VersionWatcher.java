package io.edgeloop.modelserver.versions;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the served versions in line with the folders on disk and the version policy, as TF Serving's file system
 * source and availability-preserving manager do: a new version is loaded and warmed up before it takes traffic, the
 * versions it replaces are retired only then, a version that fails to load is reported and not tried again until its
 * folder changes, and a folder that disappears is unloaded.
 */
public final class VersionWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(VersionWatcher.class);

    private final VersionDirectories directories;
    private VersionPolicy policy;
    private final VersionLoader loader;
    private final ModelVersions versions;
    private final LoadListener metrics;
    /** Versions that failed to load, with the fingerprint of the folder that failed. */
    private final Map<Long, String> failed = new HashMap<>();
    private boolean reportedEmpty;

    public VersionWatcher(VersionDirectories directories, VersionPolicy policy, VersionLoader loader,
            ModelVersions versions, LoadListener metrics) {
        this.directories = directories;
        this.policy = policy;
        this.loader = loader;
        this.versions = versions;
        this.metrics = metrics;
    }

    /** One look at the base path: loads what the policy wants and is missing, then retires what it no longer wants. */
    public synchronized void poll() {
        SortedMap<Long, VersionDirectory> onDisk = directories.scan();
        reportIfEmpty(onDisk);
        // A failed version is tried again once its folder was replaced or changed.
        failed.entrySet().removeIf(entry -> !onDisk.containsKey(entry.getKey())
                || !onDisk.get(entry.getKey()).fingerprint().equals(entry.getValue()));
        SortedSet<Long> aspired = aspired(onDisk);
        Optional<Long> missing = highestNotLoaded(aspired);
        while (missing.isPresent()) {
            load(onDisk.get(missing.get()));
            // A failure leaves the policy another choice (latest:1 falls back to the previous version).
            aspired = aspired(onDisk);
            missing = highestNotLoaded(aspired);
        }
        for (long version : versions.availableVersions()) {
            if (!aspired.contains(version)) {
                LOG.info("Unloading version {} of {} ({}); requests running on it finish first", version,
                        versions.name(), onDisk.containsKey(version) ? "no longer wanted by policy " + policy
                                : "its folder is gone");
                versions.retire(version);
            }
        }
    }

    /**
     * Serves by another policy from now on (a model config reload): loads what it wants and is missing, then retires
     * what it no longer wants, before it returns.
     */
    public synchronized void changePolicy(VersionPolicy newPolicy) {
        if (!newPolicy.equals(policy)) {
            LOG.info("Version policy of {} changes from {} to {}", versions.name(), policy, newPolicy);
            policy = newPolicy;
        }
        poll();
    }

    private SortedSet<Long> aspired(SortedMap<Long, VersionDirectory> onDisk) {
        SortedSet<Long> candidates = new TreeSet<>(onDisk.keySet());
        candidates.removeAll(failed.keySet());
        return policy.select(candidates);
    }

    private Optional<Long> highestNotLoaded(SortedSet<Long> aspired) {
        SortedSet<Long> missing = new TreeSet<>(aspired);
        missing.removeAll(versions.availableVersions());
        return missing.isEmpty() ? Optional.empty() : Optional.of(missing.last());
    }

    private void load(VersionDirectory directory) {
        long version = directory.version();
        LOG.info("Loading version {} of {} from {}", version, versions.name(), directory.path());
        versions.loading(version);
        try {
            ServedVersion served = loader.load(directory, () -> {
                versions.ended(version);
                LOG.info("Unloaded version {} of {}", version, versions.name());
            });
            versions.publish(served);
            metrics.versionLoaded(versions.name(), true);
            LOG.info("Version {} of {} is AVAILABLE", version, versions.name());
        } catch (VersionLoader.LoadFailure e) {
            failed.put(version, directory.fingerprint());
            versions.failed(version, e.code(), e.getMessage());
            metrics.versionLoaded(versions.name(), false);
            LOG.error("Loading version {} of {} from {} failed ({}): {}; the versions already served keep serving, "
                    + "the folder is tried again once it changes", version, versions.name(), directory.path(),
                    e.code(), e.getMessage());
        }
    }

    private void reportIfEmpty(SortedMap<Long, VersionDirectory> onDisk) {
        if (onDisk.isEmpty() && !reportedEmpty) {
            LOG.warn("No versions of servable {} found under base path {}", versions.name(), directories.basePath());
        }
        reportedEmpty = onDisk.isEmpty();
    }

    /** Told of every load attempt, so that metrics can count them without the watcher knowing about metrics. */
    public interface LoadListener {

        void versionLoaded(String model, boolean success);
    }
}
