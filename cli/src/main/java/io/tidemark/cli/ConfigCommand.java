package io.tidemark.cli;

import io.tidemark.server.config.ConfigException;
import io.tidemark.server.config.ConfigPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tidemark config}: prints the effective configuration (file, environment, defaults) as TOML. */
@Command(name = "config", description = "Print the effective configuration.")
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try {
            var effective = config.load();
            for (String w : effective.warnings()) {
                System.err.println("warning: " + w);
            }
            System.out.print(ConfigPrinter.print(effective));
            return 0;
        } catch (ConfigException e) {
            System.err.println("tidemark: " + e.getMessage());
            return 2;
        }
    }
}
