package io.edgeloop.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.edgeloop.local.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process started through {@link ExitWithParent} ends when the JVM that started it is killed with SIGKILL. */
class ExitWithParentTest {

    @Test
    void theChildEndsWhenItsParentIsKilled(@TempDir Path dir) throws Exception {
        ChildJvm parent = ChildJvm.start(dir.resolve("parent.log"), Parent.class.getName(), List.of());
        try {
            parent.awaitOutput("child started", Duration.ofMinutes(1));

            List<ProcessHandle> children = parent.killJvmOnly();

            assertThat(children).hasSize(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> !children.get(0).isAlive());
        } finally {
            parent.kill();
        }
    }

    /** The parent killed before the child's first line: the child was handed to init, yet it ends. */
    @Test
    void theChildEndsAtOnceWhenItsParentIsGoneBeforeItStarts() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), ExitWithParent.class.getName(),
                Long.toString(gone.pid()), Sleeper.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child ended").isTrue();
            assertThat(child.exitValue()).isEqualTo(1);
            assertThat(new String(child.getInputStream().readAllBytes())).contains("is gone: stopping");
        } finally {
            child.destroyForcibly();
        }
    }

    /** Starts {@link Sleeper} through {@link ExitWithParent}, as the platform starts its trainer, then waits. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path")));
            command.addAll(ExitWithParent.command(Sleeper.class.getName()));
            new ProcessBuilder(command).inheritIO().start();
            System.out.println("child started");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Runs until something ends it. */
    public static final class Sleeper {
        public static void main(String[] args) throws Exception {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
