package io.edgeloop.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    /** Starts {@link Sleeper} through {@link ExitWithParent}, as the platform starts its trainer, then waits. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), ExitWithParent.class.getName(), Sleeper.class.getName())
                    .inheritIO().start();
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
