package io.edgeloop.cli;

import io.edgeloop.trainer.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edgeloop} command. */
@Command(name = "edgeloop", mixinStandardHelpOptions = true, version = "EdgeLoop 0.1.0",
        description = "Edge-to-core machine-learning loop built from Apache Camel integrations.",
        subcommands = {UpCommand.class, TrainCommand.class, DatasetCommand.class})
public final class EdgeLoop {

    public static void main(String[] args) {
        System.exit(new CommandLine(new EdgeLoop()).execute(args));
    }
}
