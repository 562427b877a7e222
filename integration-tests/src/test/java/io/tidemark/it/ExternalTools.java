package io.tidemark.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real InfluxDB clients the compatibility tests drive (Debian packages {@code influxdb-client} and
 * {@code python3-influxdb}). On a developer machine without them those tests are skipped with a message; under
 * CI ({@code CI=true}, where {@code .ci/run} installs them) a missing client is a failure.
 */
final class ExternalTools {
    private ExternalTools() {
    }

    static Path influxCli() {
        return require(Path.of("/usr/bin/influx"), "the influx CLI (apt-get install influxdb-client)");
    }

    static Path debianPythonWithInfluxClient() throws IOException, InterruptedException {
        Path python = require(Path.of("/usr/bin/python3"), "Debian's python3");
        Result r = run(List.of(python.toString(), "-c", "import influxdb"), 30);
        available(r.exitCode() == 0, "the Python influxdb client (apt-get install python3-influxdb)");
        return python;
    }

    private static Path require(Path path, String what) {
        available(Files.isExecutable(path), what);
        return path;
    }

    private static void available(boolean present, String what) {
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(what + " is required under CI but is not installed");
        }
        assumeTrue(present, what + " is not installed; skipping");
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSeconds + "s: " + command);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
