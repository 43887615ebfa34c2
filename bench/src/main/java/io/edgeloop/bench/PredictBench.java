package io.edgeloop.bench;

import io.edgeloop.trainer.model.LabelledImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Predict latency and throughput of the model server (bench/predict.sh starts it, then this) over TF Serving's REST
 * and gRPC APIs, beside the floor: the same SavedModel called in this JVM. One image on {@code serving_default} or a
 * batch on {@code predict_batch}, from 1 or more clients; for each case every path gets the same photos, a warm-up,
 * then a timed run. Any unexpected answer fails the benchmark.
 */
@Command(name = "predict-bench", mixinStandardHelpOptions = true,
        description = "Measures predict latency (p50/p99) and throughput over REST, gRPC and in-process.")
public final class PredictBench implements Callable<Integer> {

    @Option(names = "--url", description = "The server's REST API, e.g. http://localhost:8501 (none: no REST).")
    String url;

    @Option(names = "--grpc", paramLabel = "HOST:PORT", description = "The server's gRPC API (none: no gRPC).")
    String grpc;

    @Option(names = "--saved-model", paramLabel = "DIR",
            description = "The served version's folder, called in-process as the floor (none: no floor).")
    Path savedModel;

    @Option(names = "--model", defaultValue = "tea_model_b64")
    String model;

    @Option(names = "--images", description = "images/<class>/* to send (default: synthetic photos).")
    Path images;

    @Option(names = "--batch", split = ",", defaultValue = "1,16,32",
            description = "Images per request: 1 uses serving_default, more predict_batch (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,4",
            description = "Clients sending at once (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrencies;

    @Option(names = "--warmup-seconds", defaultValue = "3")
    int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured time per case.")
    int seconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PredictBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<PredictPath> paths = new ArrayList<>();
        try {
            if (url != null) {
                paths.add(new RestPredict(url, model));
            }
            if (grpc != null) {
                paths.add(new GrpcPredict(grpc, model));
            }
            if (savedModel != null) {
                paths.add(new InProcessPredict(savedModel));
            }
            if (paths.isEmpty()) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "Nothing to measure: give --url, --grpc or --saved-model");
            }
            run(paths, BenchPhotos.load(images));
        } finally {
            for (PredictPath path : paths) {
                path.close();
            }
        }
        return 0;
    }

    private void run(List<PredictPath> paths, List<LabelledImage> photos) throws Exception {
        System.out.printf(Locale.ROOT, "predict: %s, %d cores, %d s per case after %d s warm-up%n",
                BenchPhotos.describe(images, photos), Runtime.getRuntime().availableProcessors(), seconds,
                warmupSeconds);
        System.out.println("| request | clients | path | requests/s | images/s | p50 ms | p99 ms | requests |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int batch : batches) {
            List<List<byte[]>> groups = groups(photos, batch);
            for (int clients : concurrencies) {
                for (PredictPath path : paths) {
                    LoadRun.Request predict = path.requests(groups);
                    LoadRun.run(clients, warmupSeconds, predict);
                    LoadRun.Latencies latencies = LoadRun.run(clients, seconds, predict);
                    System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f | %s | %d |%n",
                            batch == 1 ? "1 image, serving_default" : batch + " images, predict_batch", clients,
                            path.name(), latencies.perSecond(), latencies.perSecond() * batch,
                            latencies.percentileCells(), latencies.count());
                }
            }
        }
    }

    /** Up to 64 groups of {@code batch} photos cycling through them, so each request holds different images. */
    private static List<List<byte[]>> groups(List<LabelledImage> photos, int batch) {
        List<List<byte[]>> groups = new ArrayList<>();
        for (int first = 0; first < Math.min(photos.size(), 64); first++) {
            List<byte[]> group = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                group.add(photos.get((first * batch + i) % photos.size()).bytes());
            }
            groups.add(group);
        }
        return groups;
    }
}
