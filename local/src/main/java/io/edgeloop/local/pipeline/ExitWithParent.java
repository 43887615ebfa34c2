package io.edgeloop.local.pipeline;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a main class ({@code ExitWithParent PARENT_PID MAIN_CLASS ARGS...}) in a JVM that ends when process
 * {@code PARENT_PID} is gone. A trainer started by {@code edgeloop up} must not outlive a crash of the platform
 * ({@code kill -9}): it would go on and publish into the buckets of the next start, beside that start's own trainer.
 * The parent names itself: a parent killed before this JVM got to its first line has already handed it to init,
 * so asking for "my parent" then would watch the wrong process.
 */
public final class ExitWithParent {

    private ExitWithParent() {
    }

    /** The arguments that run {@code mainClass} under this guard, tied to the current process. */
    public static List<String> command(String mainClass) {
        return List.of(ExitWithParent.class.getName(), Long.toString(ProcessHandle.current().pid()), mainClass);
    }

    public static void main(String[] args) throws Throwable {
        long parentPid = Long.parseLong(args[0]);
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> stop(parentPid)),
                () -> stop(parentPid));
        try {
            Class.forName(args[1]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void stop(long parentPid) {
        System.err.println("The process that started this one (" + parentPid + ") is gone: stopping");
        Runtime.getRuntime().halt(1);
    }
}
