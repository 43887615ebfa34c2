package io.edgeloop.modelserver.versions;

import io.edgeloop.modelserver.inference.ApiError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The versions of the served model: which take requests now, and the TF Serving state of every version seen since
 * start. Requests lease a version here; the {@link VersionWatcher} publishes and retires them.
 */
public final class ModelVersions {

    private final String name;
    /** Replaced whole by a model config reload: a request sees the old labels or the new ones. */
    private volatile VersionLabels labels;
    private final ConcurrentSkipListMap<Long, ServedVersion> available = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, VersionStatus> statuses =
            new ConcurrentSkipListMap<>(Collections.reverseOrder());

    public ModelVersions(String name, VersionLabels labels) {
        this.name = name;
        this.labels = labels;
    }

    public String name() {
        return name;
    }

    /**
     * Leases the version a request asks for; TF Serving's errors otherwise: 404 for an unknown model or a version
     * not available, 400 for an unknown label.
     */
    public ServedVersion.Lease acquire(String model, VersionSpec spec) {
        if (!name.equals(model) && spec instanceof VersionSpec.Label label) {
            // Labels belong to a model: another model has none, as TF Serving answers it.
            throw ApiError.invalidArgument("Unrecognized servable version label: " + label.label());
        }
        VersionSpec resolved = resolveLabel(spec);
        while (true) {
            Map.Entry<Long, ServedVersion> entry = name.equals(model) ? lookUp(resolved) : null;
            if (entry == null) {
                throw ApiError.notFound("Servable not found for request: " + resolved.describe(model));
            }
            Optional<ServedVersion.Lease> lease = entry.getValue().tryAcquire();
            if (lease.isPresent()) {
                return lease.get();
            }
            // Retired between the look-up and the lease: it has left the map already, look again.
        }
    }

    private Map.Entry<Long, ServedVersion> lookUp(VersionSpec spec) {
        if (spec instanceof VersionSpec.Specific specific) {
            ServedVersion version = available.get(specific.version());
            return version == null ? null : Map.entry(specific.version(), version);
        }
        return available.lastEntry();
    }

    /** A label as the version it names; TF Serving answers an unknown label with INVALID_ARGUMENT. */
    public VersionSpec resolveLabel(VersionSpec spec) {
        if (spec instanceof VersionSpec.Label label) {
            OptionalLong version = labels.versionOf(label.label());
            if (version.isEmpty()) {
                throw ApiError.invalidArgument("Unrecognized servable version label: " + label.label());
            }
            return new VersionSpec.Specific(version.getAsLong());
        }
        return spec;
    }

    /** Names versions by these labels from now on (a model config reload). */
    public void relabel(VersionLabels newLabels) {
        labels = newLabels;
    }

    /** Every version seen, highest first, as the model status API lists them. */
    public List<VersionStatus> statuses() {
        return new ArrayList<>(statuses.values());
    }

    public Optional<VersionStatus> status(long version) {
        return Optional.ofNullable(statuses.get(version));
    }

    /** The versions taking requests now, lowest first. */
    public NavigableSet<Long> availableVersions() {
        return new TreeSet<>(available.keySet());
    }

    public OptionalLong latestAvailable() {
        Map.Entry<Long, ServedVersion> latest = available.lastEntry();
        return latest == null ? OptionalLong.empty() : OptionalLong.of(latest.getKey());
    }

    void loading(long version) {
        statuses.put(version, VersionStatus.ok(version, VersionStatus.State.LOADING));
    }

    void failed(long version, String errorCode, String errorMessage) {
        statuses.put(version, VersionStatus.failed(version, errorCode, errorMessage));
    }

    /** The version takes requests from now on. */
    void publish(ServedVersion version) {
        available.put(version.version(), version);
        statuses.put(version.version(), VersionStatus.ok(version.version(), VersionStatus.State.AVAILABLE));
    }

    /**
     * The version takes no new request; it is unloaded once its running requests finish. It leaves the map before it
     * is retired, so a request that finds it retired finds its successor on looking again.
     */
    void retire(long version) {
        ServedVersion served = available.remove(version);
        if (served != null) {
            statuses.put(version, VersionStatus.ok(version, VersionStatus.State.UNLOADING));
            served.retire();
        }
    }

    /** Called by a retired version once it is closed. */
    void ended(long version) {
        statuses.computeIfPresent(version, (v, status) -> status.state() == VersionStatus.State.UNLOADING
                ? VersionStatus.ok(version, VersionStatus.State.END) : status);
    }

    public void retireAll() {
        availableVersions().forEach(this::retire);
    }
}
