package io.tidemark.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Tidemark server process started from the built distribution ({@code cli/target/tidemark.jar}), with its
 * own configuration file, data directory and port. {@link #kill()} is SIGKILL; {@link #stop()} is SIGTERM.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private int starts;

    /** {@code extraConfig} is appended inside the {@code [http]} section; it may open further sections. */
    ServerProcess(Path home, String extraConfig) throws IOException {
        this(home, "", extraConfig);
    }

    /** {@code dataConfig} goes inside the {@code [data]} section, {@code extraConfig} inside {@code [http]}. */
    ServerProcess(Path home, String dataConfig, String extraConfig) throws IOException {
        this(home, dataConfig, extraConfig, false);
    }

    /**
     * As {@link #ServerProcess(Path, String, String)}; {@code monitorStore} turns on the writing of statistics into
     * {@code _internal} every second (off otherwise, so that other tests see only their own databases).
     */
    ServerProcess(Path home, String dataConfig, String extraConfig, boolean monitorStore) throws IOException {
        this.home = home;
        this.port = freePort();
        Files.createDirectories(home);
        Files.writeString(home.resolve("tidemark.conf"), """
                [meta]
                  dir = "%s"
                [data]
                  dir = "%s"
                  wal-dir = "%s"
                %s
                [monitor]
                  store-enabled = %s
                  store-interval = "1s"
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                %s
                """.formatted(home.resolve("meta"), home.resolve("data"), home.resolve("wal"), dataConfig,
                monitorStore, port, extraConfig));
    }

    ServerProcess(Path home) throws IOException {
        this(home, "");
    }

    Path home() {
        return home;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process and waits until {@code /ping} answers. */
    ServerProcess start() throws IOException, InterruptedException {
        String jar = System.getProperty("tidemark.jar", "../cli/target/tidemark.jar");
        Path java = Path.of(System.getProperty("java.home.for.server", System.getProperty("java.home")), "bin",
                "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar,
                "server", "-config", home.resolve("tidemark.conf").toString()));
        starts++;
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + log());
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
        throw new IllegalStateException("server did not answer /ping within " + START_TIMEOUT + ":\n" + log());
    }

    /** SIGKILL: the process gets no chance to flush anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait for a clean exit; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String log() {
        try {
            return Files.readString(home.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
