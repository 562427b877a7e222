package io.tidemark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tidemark}: the single entry point of the distribution, with one subcommand per tool. */
@Command(name = "tidemark", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "A clustered time-series database that speaks InfluxDB 1.x.",
        subcommands = {ServerCommand.class, ConfigCommand.class, VersionCommand.class, AotTrainingCommand.class,
                CommandLine.HelpCommand.class})
public final class TidemarkCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new TidemarkCommand()).execute(args);
        if (code != 0 || args.length == 0 || !args[0].equals("server")) {
            System.exit(code);
        }
    }
}
