package io.edgeloop.local.pipeline;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs a main class ({@code ExitWithParent MAIN_CLASS ARGS...}) in a JVM that ends when the process that started
 * it is gone. A trainer started by {@code edgeloop up} must not outlive a crash of the platform ({@code kill -9}):
 * it would go on and publish into the buckets of the next start, beside that start's own trainer.
 */
public final class ExitWithParent {

    private ExitWithParent() {
    }

    public static void main(String[] args) throws Throwable {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("The process that started this one (" + parent.pid() + ") is gone: stopping");
            Runtime.getRuntime().halt(1);
        }));
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
