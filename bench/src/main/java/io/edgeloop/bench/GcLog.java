package io.edgeloop.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a JVM's {@code -Xlog:gc:file=...} written during a measurement: how full the heap was at each
 * collection (exact, where sampling may miss a peak), what stayed live after it, and the pauses.
 */
final class GcLog {

    // [12.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 150M->30M(256M) 3.456ms
    private static final Pattern PAUSE = Pattern.compile(
            "GC\\(\\d+\\) (Pause \\w+).*? (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

    private final Path file;
    private final long offset;

    private GcLog(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    /** Remembers where the log ends now; {@link #summary()} reads only what comes after. */
    static GcLog mark(Path file) throws IOException {
        return new GcLog(file, Files.exists(file) ? Files.size(file) : 0);
    }

    Summary summary() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String text;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            byte[] bytes = new byte[(int) (in.length() - offset)];
            in.readFully(bytes);
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        int pauses = 0;
        int fullPauses = 0;
        long maxBefore = 0;
        long maxAfter = 0;
        double pauseMillis = 0;
        Matcher matcher = PAUSE.matcher(text);
        while (matcher.find()) {
            pauses++;
            if (matcher.group(1).equals("Pause Full")) {
                fullPauses++;
            }
            maxBefore = Math.max(maxBefore, Long.parseLong(matcher.group(2)));
            maxAfter = Math.max(maxAfter, Long.parseLong(matcher.group(3)));
            pauseMillis += Double.parseDouble(matcher.group(5));
        }
        return new Summary(pauses, fullPauses, maxBefore, maxAfter, pauseMillis);
    }

    /** Heap sizes in MB as the GC log prints them. */
    record Summary(int pauses, int fullPauses, long maxBeforeMb, long maxAfterMb, double pauseMillis) {
    }
}
