package io.edgeloop.dataset;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code edgeloop dataset synth}: writes synthetic product photos, for a demo or tests without real ones. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Writes synthetic product photos as DIR/images/<class>/<class>-NNNN.jpg.",
                "That is the layout the feeder and the trainer read. The same options give byte-identical photos."})
public final class SynthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write images/.")
    Path out;

    @Option(names = "--classes", split = ",", paramLabel = "CLASS",
            description = {"Comma-separated class names, any lower-case name works (default: the demo's "
                    + "tea-earl-grey,tea-green,tea-lemon,other).", "'other' gets scenes without a product."})
    List<String> classes;

    @Option(names = "--per-class", defaultValue = "60", paramLabel = "N",
            description = "Photos per class (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--size", defaultValue = "224", paramLabel = "PX",
            description = "Width and height of the photos in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Another seed, other photos (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        SyntheticDataset dataset = dataset();
        long started = System.nanoTime();
        Path images = dataset.writeTo(out);
        PrintWriter console = spec.commandLine().getOut();
        console.printf("Wrote %d photos of %d px (seed %d) to %s in %.1f s:%n",
                dataset.classes().size() * dataset.perClass(), dataset.size(), dataset.seed(),
                images.toAbsolutePath().normalize(), (System.nanoTime() - started) / 1e9);
        for (String className : dataset.classes()) {
            console.printf("  %-20s %d%n", className, dataset.perClass());
        }
        console.flush();
        return 0;
    }

    /** The dataset the options ask for; an invalid option is a usage error, reported with the usage help. */
    SyntheticDataset dataset() {
        try {
            return new SyntheticDataset(classes == null ? SyntheticDataset.DEFAULT_CLASSES : classes, perClass, size,
                    seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
