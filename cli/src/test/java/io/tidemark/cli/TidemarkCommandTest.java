package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.server.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TidemarkCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = TidemarkCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void versionIsPrintedByTheOptionAndTheCommand() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).isEqualTo("Tidemark v" + Version.TIDEMARK + System.lineSeparator());

        out.getBuffer().setLength(0);
        assertThat(run("version")).isZero();
        assertThat(out.toString()).startsWith("Tidemark v" + Version.TIDEMARK + " (InfluxDB API ");
    }

    @Test
    void noCommandPrintsTheUsageToStandardError() {
        assertThat(run()).isZero();
        assertThat(err.toString()).startsWith("Usage: tidemark [-hV] [COMMAND]");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void helpListsTheCommandsButNotTheTrainingRun() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("server", "config", "version", "help", "-V, --version")
                .doesNotContain("aot-training");
    }

    @Test
    void helpOfACommandShowsItsOptions() {
        assertThat(run("help", "server")).isZero();
        assertThat(out.toString()).contains("Start a node", "-config=FILE", "-h, --help");

        out.getBuffer().setLength(0);
        assertThat(run("run", "--help")).as("the alias").isZero();
        assertThat(out.toString()).contains("Start a node");
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() {
        assertThat(run("help", "nosuch")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown subcommand 'nosuch'.");

        err.getBuffer().setLength(0);
        assertThat(run("server", "--bogus")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--bogus'");
    }

    @Test
    void configPrintsTheSettingsOfTheFileGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("influxdb.conf");
        Files.writeString(file, "[http]\nbind-address = \":18123\"\n");

        assertThat(run("config", "-config", file.toString())).isZero();

        assertThat(out.toString()).contains("[http]", "bind-address = \":18123\"");
    }

    @Test
    void configReportsAFileThatCannotBeRead(@TempDir Path dir) {
        assertThat(run("config", "--config", dir.resolve("missing.conf").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("tidemark: ").contains("missing.conf");
    }
}
