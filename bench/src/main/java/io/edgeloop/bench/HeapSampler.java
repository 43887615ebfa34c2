package io.edgeloop.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples another JVM's heap with {@code jstat -gc <pid> <interval>}: used = S0U + S1U + EU + OU, i.e. everything
 * allocated and not yet collected, so its peak is the most heap the JVM held at a sample.
 */
final class HeapSampler implements AutoCloseable {

    private static final List<String> USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");

    private final Process jstat;
    private final Thread reader;
    private volatile double peakUsedKb;
    private volatile double peakOldKb;
    private volatile int samples;
    private volatile String problem;

    private HeapSampler(long pid, int intervalMillis) throws IOException {
        jstat = new ProcessBuilder(jdkTool("jstat"), "-gc", Long.toString(pid), Integer.toString(intervalMillis))
                .redirectErrorStream(true).start();
        reader = new Thread(this::read, "jstat-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static HeapSampler start(long pid, int intervalMillis) throws IOException {
        return new HeapSampler(pid, intervalMillis);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> header = null;
            String line;
            while ((line = lines.readLine()) != null) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 0 && "S0C".equals(fields[0])) {
                    header = Arrays.asList(fields);
                    continue;
                }
                if (header == null || fields.length != header.size()) {
                    problem = line; // e.g. "<pid> not found" once the JVM is gone
                    continue;
                }
                double used = 0;
                for (String column : USED_COLUMNS) {
                    used += Double.parseDouble(fields[header.indexOf(column)]);
                }
                peakUsedKb = Math.max(peakUsedKb, used);
                peakOldKb = Math.max(peakOldKb, Double.parseDouble(fields[header.indexOf("OU")]));
                samples++;
            }
        } catch (IOException | RuntimeException e) {
            problem = e.toString();
        }
    }

    double peakUsedMb() {
        return peakUsedKb / 1024;
    }

    double peakOldGenMb() {
        return peakOldKb / 1024;
    }

    int samples() {
        return samples;
    }

    String problem() {
        return problem;
    }

    @Override
    public void close() throws InterruptedException {
        jstat.destroy();
        jstat.waitFor(5, TimeUnit.SECONDS);
        reader.join(2000);
    }

    /** The JVM's -Xmx, from {@code jcmd <pid> VM.flags}; -1 when it cannot be read. */
    static long maxHeapBytes(long pid) {
        try {
            Process jcmd = new ProcessBuilder(jdkTool("jcmd"), Long.toString(pid), "VM.flags").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(10, TimeUnit.SECONDS);
            Matcher matcher = Pattern.compile("MaxHeapSize=(\\d+)").matcher(out);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The tool from the JDK running this program, else from the PATH. */
    static String jdkTool(String name) {
        Path tool = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(tool) ? tool.toString() : name;
    }
}
