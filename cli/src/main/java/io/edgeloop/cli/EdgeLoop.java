package io.edgeloop.cli;

import io.edgeloop.modelserver.ServeCommand;
import io.edgeloop.trainer.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edgeloop} command. */
@Command(name = "edgeloop", mixinStandardHelpOptions = true, version = "EdgeLoop 0.1.0",
        description = "Edge-to-core machine-learning loop built from Apache Camel integrations.",
        subcommands = {UpCommand.class, TrainCommand.class, ServeCommand.class, DatasetCommand.class})
public final class EdgeLoop {

    public static void main(String[] args) {
        // The JDK HTTP server reads this once, when the first one starts (the training endpoint's, the model
        // server's): without it each small answer on a kept-alive connection waits ~40 ms for a delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        System.exit(new CommandLine(new EdgeLoop()).execute(args));
    }
}
