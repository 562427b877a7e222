package io.tidemark.cli;

import io.tidemark.server.Version;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tidemark version}. */
final class VersionCommand implements Runnable {
    private final CommandSpec spec = Commands.command(this, "version", "Print the version.");

    CommandSpec spec() {
        return spec;
    }

    @Override
    public void run() {
        spec.commandLine().getOut().println("Tidemark v" + Version.TIDEMARK + " (InfluxDB API " + Version.influxCompatible() + ")");
    }
}
