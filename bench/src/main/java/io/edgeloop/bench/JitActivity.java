package io.edgeloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time a JVM's JIT compiler threads (HotSpot's "C1/C2 CompilerThread") have used, read from Linux's
 * {@code /proc/<pid>/task}: a platform that hosts brokers, S3 servers, the model server and six Camel contexts keeps
 * compiling for minutes under load, and a case measured meanwhile pays for it on the same cores.
 */
final class JitActivity {

    private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux

    private JitActivity() {
    }

    /** Nanoseconds of CPU the compiler threads of the process used so far; 0 where /proc cannot tell. */
    static long compilerCpuNanos(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.filter(JitActivity::isCompilerThread).mapToLong(JitActivity::cpuTicks).sum() * TICK_NANOS;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isCompilerThread(Path thread) {
        try {
            return Files.readString(thread.resolve("comm")).matches("C\\d CompilerThre.*\\s*");
        } catch (IOException e) {
            return false; // the thread ended
        }
    }

    /** utime + stime, fields 14 and 15 of stat, counted after the command name, which may hold spaces. */
    private static long cpuTicks(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
