package io.edgeloop.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Watches a growing log file for a text, reading only what was appended since the last look. */
final class LogWatch {

    private final Path file;
    private final String text;
    private long offset;
    private String tail = "";
    private boolean seen;

    private LogWatch(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    /** Watches the whole file, from its start. */
    static LogWatch from(Path file, String text) {
        return new LogWatch(file, text);
    }

    /** Whether the text has appeared in the file so far. */
    boolean seen() {
        if (seen || !Files.exists(file)) {
            return seen;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length > offset) {
                in.seek(offset);
                byte[] bytes = new byte[(int) Math.min(length - offset, 64 * 1024 * 1024)];
                in.readFully(bytes);
                offset += bytes.length;
                // Keep the end of the previous chunk: the text may straddle two reads.
                String chunk = tail + new String(bytes, StandardCharsets.ISO_8859_1);
                seen = chunk.contains(text);
                tail = chunk.substring(Math.max(0, chunk.length() - text.length()));
            }
        } catch (IOException e) {
            // not readable right now: look again next time
        }
        return seen;
    }
}
