package io.edgeloop.modelserver.metrics;

import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.VersionWatcher;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts and latencies per model, API and status, and the loaded versions, in Prometheus' text format under
 * TF Serving's metric names where it has one, so its dashboards work on this server too.
 */
public final class ServerMetrics implements VersionWatcher.LoadListener {

    static final String REQUEST_COUNT = ":tensorflow:serving:request_count";
    static final String REQUEST_LATENCY = ":tensorflow:serving:request_latency";
    static final String LOADED_VERSIONS = "edgeloop_model_server_loaded_versions";
    static final String SERVING_VERSION = "edgeloop_model_server_serving_version";
    static final String VERSION_LOADS = "edgeloop_model_server_version_loads_total";

    /** TF Serving's request_latency buckets in microseconds: 10 * 1.8^i, 33 of them (up to ~20 minutes). */
    private static final double[] BOUNDS = new double[33];

    static {
        for (int i = 0; i < BOUNDS.length; i++) {
            BOUNDS[i] = 10 * Math.pow(1.8, i);
        }
    }

    private record RequestKey(String model, String api, String entrypoint, String status) {
    }

    private record LatencyKey(String model, String api, String entrypoint) {
    }

    private record LoadKey(String model, String outcome) {
    }

    /** Cumulative-on-export histogram of one model and API. */
    private static final class Latency {
        final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
        final LongAdder count = new LongAdder();
        final LongAdder sumMicros = new LongAdder();

        Latency() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(long micros) {
            int bucket = 0;
            while (bucket < BOUNDS.length && micros > BOUNDS[bucket]) {
                bucket++;
            }
            buckets[bucket].increment();
            count.increment();
            sumMicros.add(micros);
        }
    }

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<LatencyKey, Latency> latencies = new ConcurrentHashMap<>();
    private final Map<LoadKey, LongAdder> loads = new ConcurrentHashMap<>();

    /**
     * Counts one answered REST request.
     *
     * @param api    {@code predict}, {@code classify}, {@code regress}, {@code GetModelStatus},
     *               {@code GetModelMetadata}, {@code infer}, {@code ModelMetadata}, {@code ModelReady}
     * @param status {@code OK} or the canonical error code
     */
    public void request(String model, String api, String status, long micros) {
        request(model, api, "REST", status, micros);
    }

    /** Counts one answered request that came in through {@code entrypoint}: {@code REST} or {@code GRPC}. */
    public void request(String model, String api, String entrypoint, String status, long micros) {
        requests.computeIfAbsent(new RequestKey(model, api, entrypoint, status), key -> new LongAdder()).increment();
        latencies.computeIfAbsent(new LatencyKey(model, api, entrypoint), key -> new Latency()).observe(micros);
    }

    @Override
    public void versionLoaded(String model, boolean success) {
        loads.computeIfAbsent(new LoadKey(model, success ? "success" : "failure"), key -> new LongAdder()).increment();
    }

    /** The text exposition format (version 0.0.4). */
    public String exposition(ModelVersions versions) {
        StringBuilder out = new StringBuilder();
        header(out, REQUEST_COUNT, "counter", "The total number of requests.");
        requests.entrySet().stream()
                .map(entry -> REQUEST_COUNT + labels("model_name", entry.getKey().model(), "API", entry.getKey().api(),
                        "entrypoint", entry.getKey().entrypoint(), "status", entry.getKey().status()) + " "
                        + entry.getValue().sum())
                .sorted().forEach(line -> out.append(line).append('\n'));

        header(out, REQUEST_LATENCY, "histogram",
                "Distribution of wall time (in microseconds) for Tensorflow Serving request.");
        latencies.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(LatencyKey::model).thenComparing(LatencyKey::api)
                        .thenComparing(LatencyKey::entrypoint)))
                .forEach(entry -> histogram(out, entry.getKey(), entry.getValue()));

        header(out, LOADED_VERSIONS, "gauge", "Versions of the model taking requests now.");
        out.append(LOADED_VERSIONS).append(labels("model_name", versions.name())).append(' ')
                .append(versions.availableVersions().size()).append('\n');
        header(out, SERVING_VERSION, "gauge",
                "The version answering requests that name no version (the highest available).");
        versions.latestAvailable().ifPresent(latest -> out.append(SERVING_VERSION)
                .append(labels("model_name", versions.name())).append(' ').append(latest).append('\n'));
        header(out, VERSION_LOADS, "counter", "Attempts to load a version, by outcome.");
        loads.entrySet().stream()
                .map(entry -> VERSION_LOADS + labels("model_name", entry.getKey().model(), "outcome",
                        entry.getKey().outcome()) + " " + entry.getValue().sum())
                .sorted().forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    private static void header(StringBuilder out, String metric, String type, String help) {
        out.append("# HELP ").append(metric).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(metric).append(' ').append(type).append('\n');
    }

    private static void histogram(StringBuilder out, LatencyKey key, Latency latency) {
        long cumulative = 0;
        for (int i = 0; i <= BOUNDS.length; i++) {
            cumulative += latency.buckets[i].sum();
            String le = i < BOUNDS.length
                    ? new BigDecimal(BOUNDS[i]).round(new MathContext(6)).stripTrailingZeros().toPlainString()
                    : "+Inf";
            out.append(REQUEST_LATENCY).append("_bucket").append(labels("model_name", key.model(), "API", key.api(),
                    "entrypoint", key.entrypoint(), "le", le)).append(' ').append(cumulative).append('\n');
        }
        String labels = labels("model_name", key.model(), "API", key.api(), "entrypoint", key.entrypoint());
        out.append(REQUEST_LATENCY).append("_sum").append(labels).append(' ').append(latency.sumMicros.sum())
                .append('\n');
        out.append(REQUEST_LATENCY).append("_count").append(labels).append(' ').append(latency.count.sum())
                .append('\n');
    }

    private static String labels(String... namesAndValues) {
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            labels.append(i == 0 ? "" : ",").append(namesAndValues[i]).append("=\"")
                    .append(namesAndValues[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
        }
        return labels.append('}').toString();
    }
}
