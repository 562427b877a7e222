package io.tidemark.cli;

import io.tidemark.server.config.ConfigException;
import io.tidemark.server.config.ConfigPrinter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tidemark config}: prints the effective configuration (file, environment, defaults) as TOML. */
final class ConfigCommand implements Callable<Integer> {
    private final ConfigOption config = new ConfigOption();
    private final CommandSpec spec = Commands.command(this, "config", "Print the effective configuration.")
            .addOption(config.option());

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        try {
            var effective = config.load();
            for (String w : effective.warnings()) {
                spec.commandLine().getErr().println("warning: " + w);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(ConfigPrinter.print(effective));
            out.flush(); // the writer flushes by itself only on println
            return 0;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("tidemark: " + e.getMessage());
            return 2;
        }
    }
}
