package io.edgeloop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {

    @TempDir
    Path directory;

    @Test
    void writesTheRequestedClassesAndSaysWhatItWrote() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new SynthCommand()).setOut(new PrintWriter(out));

        int exitCode = command.execute("--out", directory.toString(), "--classes", "tea-mint,other",
                "--per-class", "2", "--size", "32", "--seed", "7");

        assertThat(exitCode).isZero();
        try (Stream<Path> files = Files.list(directory.resolve("images/tea-mint"))) {
            assertThat(files).hasSize(2);
        }
        try (Stream<Path> files = Files.list(directory.resolve("images/other"))) {
            assertThat(files).hasSize(2);
        }
        assertThat(out.toString())
                .contains("Wrote 4 photos of 32 px (seed 7) to " + directory.resolve("images").toAbsolutePath())
                .containsPattern("tea-mint +2")
                .containsPattern("other +2");
    }

    @Test
    void defaultsToSixtyPhotosOfEachDemoClassAt224PxWithSeed42() {
        SynthCommand synth = new SynthCommand();
        new CommandLine(synth).parseArgs("--out", directory.toString());

        SyntheticDataset dataset = synth.dataset();

        assertThat(dataset.classes()).isEqualTo(SyntheticDataset.DEFAULT_CLASSES);
        assertThat(dataset.perClass()).isEqualTo(60);
        assertThat(dataset.size()).isEqualTo(224);
        assertThat(dataset.seed()).isEqualTo(42);
    }

    @Test
    void rejectsAnInvalidClassNameAsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new SynthCommand()).setErr(new PrintWriter(err));

        int exitCode = command.execute("--out", directory.toString(), "--classes", "Tea Green");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Class names are lower case");
        assertThat(directory.resolve("images")).doesNotExist();
    }
}
