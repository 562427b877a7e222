package io.tidemark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code tidemark help [COMMAND]}: the usage of the command named, or of {@code tidemark}. */
final class HelpCommand implements Callable<Integer> {
    private final PositionalParamSpec command = PositionalParamSpec.builder()
            .paramLabel("COMMAND")
            .arity("0..1")
            .type(String.class)
            .description("The command to show the usage of.")
            .build();
    private final CommandSpec spec = Commands.command(this, "help", "Show the usage of a command.")
            .addPositional(command);

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        CommandLine root = spec.commandLine().getParent();
        String name = command.getValue();
        if (name == null) {
            root.usage(root.getOut());
            return 0;
        }
        CommandLine sub = root.getSubcommands().get(name);
        if (sub == null) {
            root.getErr().println("Unknown subcommand '" + name + "'.");
            root.usage(root.getErr());
            return CommandLine.ExitCode.USAGE;
        }
        sub.usage(root.getOut());
        return 0;
    }
}
