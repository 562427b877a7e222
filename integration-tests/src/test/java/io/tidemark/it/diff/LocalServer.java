package io.tidemark.it.diff;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server process on loopback with its own configuration file and directories under {@code home}: the
 * reference InfluxDB ({@link #influxd}) or Tidemark from the built distribution ({@link #tidemark}), the same way
 * {@code io.tidemark.it.ServerProcess} starts it (that class is package-private to {@code io.tidemark.it}).
 * {@link #close()} kills the process. Not thread-safe.
 */
final class LocalServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Path INFLUXD = Path.of("/usr/bin/influxd");

    private final String name;
    private final Path home;
    private final int port;
    private final Process process;

    private LocalServer(String name, Path home, int port, List<String> command) throws IOException {
        this.name = name;
        this.home = home;
        this.port = port;
        this.process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()))
                .start();
    }

    /**
     * The reference InfluxDB 1.6.7 with the configuration of {@code shared/compat/README.md}. Without
     * {@code /usr/bin/influxd} the calling test is skipped, except under CI ({@code CI=true}), where
     * {@code .ci/run} installs it and its absence is a failure.
     */
    static LocalServer influxd(Path home) throws IOException, InterruptedException {
        boolean present = Files.isExecutable(INFLUXD);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("influxd (apt-get install influxdb) is required under CI but is not installed");
        }
        assumeTrue(present, "influxd is not installed (apt-get install influxdb); skipping");
        Files.createDirectories(home);
        int port = freePort();
        Path config = home.resolve("influxd.conf");
        Files.writeString(config, """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s"
                  logging-enabled = false
                [data]
                  dir = "%s"
                  wal-dir = "%s"
                  index-version = "inmem"
                  query-log-enabled = false
                [coordinator]
                  max-select-buckets = 1000000
                [monitor]
                  store-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                  pprof-enabled = false
                [continuous_queries]
                  enabled = false
                [logging]
                  level = "warn"
                """.formatted(freePort(), home.resolve("meta"), home.resolve("data"), home.resolve("wal"), port));
        return new LocalServer("influxd", home, port, List.of(INFLUXD.toString(), "-config", config.toString()))
                .awaitPing();
    }

    /** Tidemark from {@code cli/target/tidemark.jar} (system property {@code tidemark.jar}). */
    static LocalServer tidemark(Path home) throws IOException, InterruptedException {
        Files.createDirectories(home);
        int port = freePort();
        Path config = home.resolve("tidemark.conf");
        Files.writeString(config, """
                [meta]
                  dir = "%s"
                [data]
                  dir = "%s"
                  wal-dir = "%s"
                  # Small snapshots: the answers come from TSM files (and compactions running meanwhile), the
                  # WAL-backed cache and tombstone-free merges of both, not from the cache alone.
                  cache-snapshot-memory-size = 65536
                [monitor]
                  store-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                """.formatted(home.resolve("meta"), home.resolve("data"), home.resolve("wal"), port));
        String jar = System.getProperty("tidemark.jar", "../cli/target/tidemark.jar");
        Path java = Path.of(System.getProperty("java.home.for.server", System.getProperty("java.home")), "bin",
                "java");
        return new LocalServer("tidemark", home, port, List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-jar", jar, "server", "-config", config.toString())).awaitPing();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String name() {
        return name;
    }

    private LocalServer awaitPing() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/ping"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 204) {
                    return this;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        close();
        throw new IllegalStateException(name + " did not answer /ping within " + START_TIMEOUT + ":\n" + log());
    }

    String log() {
        try {
            return Files.readString(home.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGKILL: both servers are throwaway. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
