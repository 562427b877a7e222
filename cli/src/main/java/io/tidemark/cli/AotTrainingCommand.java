package io.tidemark.cli;

import io.tidemark.server.LogLevels;
import io.tidemark.server.TidemarkNode;
import io.tidemark.server.config.ConfigLoader;
import io.tidemark.server.config.TidemarkConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tidemark aot-training}: the training run of the JVM's ahead-of-time cache (JDK 25: classes loaded and linked,
 * JEP 483; the launcher has it record no method profiles). Run under {@code -XX:AOTCacheOutput=FILE} by
 * {@code ./tidemark build}, it
 * starts a node on a temporary directory and a free port, writes 216,000 values of 200 hosts and 100,000 one-point
 * series through {@code /write}, lets them reach TSM files, closes the node and opens it again (a restart's loading),
 * runs the common kinds of InfluxQL query (aggregates over time buckets and tags, selectors, raw reads with
 * conditions, SHOW statements) over HTTP for two seconds with a write between rounds, and exits; the JVM then
 * writes the cache, and servers started with {@code -XX:AOTCache=FILE} begin with those classes loaded. Measured:
 * {@code benchmarks/scripts/restart-time.sh}.
 */
final class AotTrainingCommand implements Callable<Integer> {
    private static final int HOSTS = 200;
    private static final int STEPS = 360;
    private static final int SENSORS = 100_000;
    private static final long START_SECONDS = 1_700_000_000L;
    private static final Duration QUERY_TIME = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final CommandSpec spec = Commands.hidden(Commands.command(this, "aot-training",
            "Exercise a throw-away node so that the JVM can write its ahead-of-time cache."));

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("tidemark-aot-training");
        try {
            LogLevels.apply("warn");
            TidemarkConfig config = new ConfigLoader(Map.of(
                    "INFLUXDB_META_DIR", dir.resolve("meta").toString(),
                    "INFLUXDB_DATA_DIR", dir.resolve("data").toString(),
                    "INFLUXDB_DATA_WAL_DIR", dir.resolve("wal").toString(),
                    "INFLUXDB_HTTP_BIND_ADDRESS", "127.0.0.1:0",
                    "INFLUXDB_HTTP_LOG_ENABLED", "false",
                    "INFLUXDB_MONITOR_STORE_ENABLED", "false",
                    "INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION", "1s",
                    "INFLUXDB_LOGGING_LEVEL", "warn")).load(null);
            try (TidemarkNode node = TidemarkNode.start(config, "training", List.of())) {
                write(node.httpPort());
            }
            // Opened again: a restart's loading of series indexes and TSM files is trained too.
            try (TidemarkNode node = TidemarkNode.start(config, "training", List.of())) {
                query(node.httpPort());
            }
            return 0;
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void write(int port) throws IOException, InterruptedException {
        query(port, "CREATE DATABASE training");
        StringBuilder lines = new StringBuilder();
        for (int step = 0; step < STEPS; step++) {
            for (int h = 0; h < HOSTS; h++) {
                lines.append("cpu,hostname=host_").append(h).append(",region=r").append(h % 5)
                        .append(" usage_user=").append((step * 7 + h) % 100)
                        .append("i,usage_system=").append((step + h * 3) % 100)
                        .append("i,usage_idle=").append(((step ^ h) % 1000) / 10.0)
                        .append(' ').append(START_SECONDS + step * 10L).append('\n');
            }
            if (step % 25 == 24 || step == STEPS - 1) {
                send(port, "POST", "/write?db=training&precision=s", lines.toString());
                lines.setLength(0);
            }
        }
        // Many series, for the index's paths (a restart loads them all).
        for (int batch = 0; batch < SENSORS / 5000; batch++) {
            lines.setLength(0);
            for (int i = batch * 5000; i < (batch + 1) * 5000; i++) {
                lines.append("sensor,id=s").append(i).append(",site=").append(i % 37).append(" value=")
                        .append(i % 11).append(' ').append(START_SECONDS).append('\n');
            }
            send(port, "POST", "/write?db=training&precision=s", lines.toString());
        }
        // Cold for a second: the cache becomes TSM files, which most queries of a running server read.
        Thread.sleep(2500);
    }

    private static void query(int port) throws IOException {
        String range = " WHERE time >= " + START_SECONDS + "s AND time < " + (START_SECONDS + STEPS * 10L) + "s";
        List<String> queries = List.of(
                "SELECT count(usage_user) FROM cpu",
                "SELECT max(usage_user) FROM cpu" + range + " AND hostname = 'host_7' GROUP BY time(1m)",
                "SELECT mean(usage_user), max(usage_system) FROM cpu" + range + " GROUP BY time(5m), hostname",
                "SELECT last(*) FROM cpu GROUP BY hostname",
                "SELECT * FROM cpu WHERE hostname = 'host_3' ORDER BY time DESC LIMIT 50",
                "SELECT usage_idle FROM cpu" + range + " AND usage_user > 90 AND region = 'r1'",
                "SELECT median(usage_idle), percentile(usage_user, 95), stddev(usage_system) FROM cpu" + range
                        + " GROUP BY time(10m) fill(none)",
                "SHOW MEASUREMENTS; SHOW TAG KEYS; SHOW TAG VALUES WITH KEY = hostname LIMIT 20; SHOW FIELD KEYS",
                "SHOW SERIES LIMIT 100; SHOW RETENTION POLICIES; SHOW DATABASES",
                "SELECT count(value) FROM sensor; SELECT max(value) FROM sensor WHERE site = '3' GROUP BY id LIMIT 1");
        long end = System.nanoTime() + QUERY_TIME.toNanos();
        int round = 0;
        while (System.nanoTime() < end) {
            for (String q : queries) {
                query(port, q);
            }
            // The write path again, into the cache over files, as a running server sees it.
            send(port, "POST", "/write?db=training&precision=s", "cpu,hostname=host_" + (round % HOSTS)
                    + ",region=r0 usage_user=1i " + (START_SECONDS + STEPS * 10L + round) + "\n");
            round++;
        }
    }

    private static void query(int port, String q) throws IOException {
        send(port, "GET", "/query?db=training&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), "");
    }

    /**
     * One request on a connection of its own, which the server closes after answering. Not the JDK's
     * {@code HttpClient}: its ~550 classes (HTTP/2, TLS, certificates), which a server never loads, went into the
     * cache, and a JVM started with the cache loads every class in it.
     */
    private static void send(int port, String method, String target, String body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + "Content-Length: " + payload.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.1 2") || response.contains("\"error\"")) {
                throw new IOException("training request " + method + " " + target + " failed: " + response);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
