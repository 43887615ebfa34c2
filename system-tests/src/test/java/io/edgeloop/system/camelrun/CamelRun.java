package io.edgeloop.system.camelrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One stage run by {@code bin/camel run} in its own process, as a user runs it from the repository root. The shell
 * expands {@code routes/<site>/<stage>/*}; here the folder's files are listed the same way. Only the port is moved
 * to a free one, so the test never clashes with a platform running on the default ports.
 */
final class CamelRun implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private CamelRun(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static CamelRun start(Path home, String stageFolder, Path connections, int port, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/camel").toString(), "run"));
        try (Stream<Path> files = Files.list(home.resolve(stageFolder))) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> command.add(home.relativize(f).toString()));
        }
        command.addAll(List.of("--local-kamelet-dir", "kamelets", "--properties", connections.toString(),
                "--prop=camel.server.port=" + port, "--prop=camel.management.port=" + port,
                "--logging-color=false", "--download=false"));
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new CamelRun(process, port, log);
    }

    URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Waits until {@code /observe/health} answers 200, or stops the stage and fails with what it printed. */
    void awaitHealthy(Duration timeout) throws Exception {
        try {
            pollHealth(timeout);
        } catch (AssertionError | Exception e) {
            close();
            throw e;
        }
    }

    private void pollHealth(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("camel run exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(url("/observe/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("camel run was not healthy within " + timeout + ":\n" + output());
    }

    /** What the stage printed so far, for failure messages. */
    String output() {
        try {
            return "\n--- camel run output ---\n" + Files.readString(log);
        } catch (IOException e) {
            return "\n(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        // camel run forks nothing: ending the JVM (with its shutdown hook) stops the stage.
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
