package io.tidemark.cli;

import io.tidemark.server.Version;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code tidemark}: the single entry point of the distribution, with one subcommand per tool. */
public final class TidemarkCommand implements Runnable {
    private final CommandSpec spec = Commands.command(this, "tidemark",
                    "A clustered time-series database that speaks InfluxDB 1.x.")
            .version("Tidemark v" + Version.TIDEMARK)
            .addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                    .description("Print version information and exit.").build());

    /** The command line of {@code tidemark} and its subcommands (models built by hand: see {@link Commands}). */
    static CommandLine commandLine() {
        return new CommandLine(new TidemarkCommand().spec)
                .addSubcommand(new ServerCommand().spec())
                .addSubcommand(new ConfigCommand().spec())
                .addSubcommand(new VersionCommand().spec())
                .addSubcommand(new AotTrainingCommand().spec())
                .addSubcommand(new HelpCommand().spec());
    }

    @Override
    public void run() {
        CommandLine commandLine = spec.commandLine();
        commandLine.usage(commandLine.getErr());
        commandLine.getErr().flush();
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || args.length == 0 || !args[0].equals("server")) {
            System.exit(code);
        }
    }
}
