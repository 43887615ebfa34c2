package io.edgeloop.cli;

import io.edgeloop.dataset.SynthCommand;
import picocli.CommandLine.Command;

/** {@code edgeloop dataset}: tools for training data. */
@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Tools for training data.",
        subcommands = {SynthCommand.class})
final class DatasetCommand {
}
