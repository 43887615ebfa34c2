package io.edgeloop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measuring loop of the HTTP benchmarks: clients sending one request after the other without pause for a fixed
 * time, every request's latency kept. A request that throws (an unexpected answer) fails the whole run.
 */
final class LoadRun {

    /** Sends request number {@code n} (counted over all clients, to cycle through the bodies) and checks its answer. */
    @FunctionalInterface
    interface Request {
        void send(long n) throws Exception;
    }

    /** Latencies of a run, sorted, in nanoseconds. */
    record Latencies(long[] sorted, int seconds) {

        double perSecond() {
            return sorted.length / (double) seconds;
        }

        double p50Millis() {
            return percentile(0.50) / 1e6;
        }

        double p99Millis() {
            return percentile(0.99) / 1e6;
        }

        int count() {
            return sorted.length;
        }

        /** {@code | p50 | p99 |} cells in milliseconds. */
        String percentileCells() {
            return String.format(Locale.ROOT, "%.1f | %.1f", p50Millis(), p99Millis());
        }

        private long percentile(double share) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
        }
    }

    private LoadRun() {
    }

    /** Sends from {@code clients} threads for {@code seconds}. */
    static Latencies run(int clients, int seconds, Request request) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                results.add(threads.submit(() -> {
                    long[] latencies = new long[1024];
                    int count = 0;
                    while (System.nanoTime() < deadline) {
                        long n = next.getAndIncrement();
                        long started = System.nanoTime();
                        request.send(n);
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - started;
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> result : results) {
                all.add(result.get());
            }
            long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(latencies);
            return new Latencies(latencies, seconds);
        } finally {
            threads.shutdownNow();
        }
    }
}
