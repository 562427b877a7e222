package io.tidemark.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds picocli's command models by hand rather than from annotations: picocli reads annotations through
 * reflection, and the JDK makes a proxy class for each annotation type it reads, which it generates at run time
 * (the ahead-of-time cache cannot hold them). Measured on the restart data of {@code restart-time.sh}: from
 * {@code main} to the server command running took 220-240 ms with annotations, most of it in eight generated
 * proxy classes.
 */
final class Commands {
    private Commands() {
    }

    /** A command that runs {@code userObject} (a {@code Runnable} or {@code Callable<Integer>}), with -h/--help. */
    static CommandSpec command(Object userObject, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name);
        spec.usageMessage().description(description);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        return spec;
    }

    /** {@code spec}, left out of its parent's list of commands. */
    static CommandSpec hidden(CommandSpec spec) {
        spec.usageMessage().hidden(true);
        return spec;
    }
}
