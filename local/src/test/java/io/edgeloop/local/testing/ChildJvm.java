package io.edgeloop.local.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this test classpath run in its own JVM, for tests that must crash it: {@link #kill()} ends the
 * JVM and every process it started with SIGKILL, as a power cut or the OOM killer would, without a shutdown hook.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;
    /** Where this JVM's output begins in the log, which earlier runs may have written to. */
    private final long logStart;

    private ChildJvm(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /** Starts {@code mainClass} with the system properties the build gives tests; its output goes to {@code log}. */
    public static ChildJvm start(Path log, String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dedgeloop.home=" + System.getProperty("edgeloop.home", "."),
                "-Daws.requestChecksumCalculation=WHEN_REQUIRED", "-Daws.responseChecksumValidation=WHEN_REQUIRED",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        return new ChildJvm(builder.start(), log, logStart);
    }

    /** Waits until the output holds {@code text}; fails with the output when the JVM ends or time runs out. */
    public void awaitOutput(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("the JVM ended (exit " + process.exitValue() + ") before printing '" + text
                        + "':\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + output());
            }
            Thread.sleep(100);
        }
    }

    /** What this JVM printed so far. */
    public String output() throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) logStart, all.length - (int) logStart, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The processes this JVM started and that still run (the trainer's, for one). */
    public List<ProcessHandle> children() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** SIGKILL for the JVM alone, as {@code kill -9 <pid>} does; returns the processes it had started. */
    public List<ProcessHandle> killJvmOnly() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        return children;
    }

    /** SIGKILL for the JVM and everything it started, the JVM first, so nothing reacts to a child's death. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle child : tree) {
            child.onExit().completeOnTimeout(child, 30, TimeUnit.SECONDS).join();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Ends the JVM gracefully (its shutdown hooks run), or kills it after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
