package io.tidemark.cli;

import io.tidemark.server.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tidemark version}. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("Tidemark v" + Version.TIDEMARK + " (InfluxDB API " + Version.influxCompatible() + ")");
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Tidemark v" + Version.TIDEMARK};
        }
    }
}
