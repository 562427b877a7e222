package io.tidemark.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key Tidemark reads, in InfluxDB 1.x's {@code influxdb.conf} layout, with its default.
 * The defaults differ from InfluxDB's only in the directories, which live under {@code ./data} so that a node
 * starts anywhere without root.
 */
final class ConfigCatalog {
    /**
     * Sections of a stock InfluxDB 1.8 file that Tidemark accepts and does not act on (yet): their keys are read
     * without a warning per key, and one line at startup says the section has no effect.
     */
    static final Set<String> ACCEPTED_INACTIVE_SECTIONS = Set.of("shard-precreation",
            "subscriber", "graphite", "collectd", "opentsdb", "udp", "continuous_queries", "tls", "http.headers");

    private final Map<String, Setting> byQualifiedName = new LinkedHashMap<>();

    ConfigCatalog() {
        top("reporting-disabled", SettingKind.BOOLEAN, false, true,
                "Tidemark never reports usage anywhere; accepted for compatibility.");
        top("bind-address", SettingKind.STRING, "127.0.0.1:8088", false,
                "RPC address (backup/restore, cluster traffic); no effect on a single node yet.");

        add("meta", "dir", SettingKind.STRING, "./data/meta", true, "Where the metadata (meta.json) is kept.");
        add("meta", "retention-autocreate", SettingKind.BOOLEAN, true, true,
                "Create the autogen retention policy with each new database.");
        add("meta", "logging-enabled", SettingKind.BOOLEAN, true, false, "Log metadata changes.");

        add("data", "dir", SettingKind.STRING, "./data/data", true, "Where shard files are kept.");
        add("data", "wal-dir", SettingKind.STRING, "./data/wal", true, "Where the write-ahead log is kept.");
        add("data", "wal-fsync-delay", SettingKind.DURATION, Duration.ZERO, true,
                "How long the WAL may wait to gather more writes before an fsync. Writes are acknowledged only "
                        + "after their fsync either way; 0s fsyncs each commit group at once.");
        add("data", "index-version", SettingKind.CHOICE, "inmem", List.of("inmem", "tsi1"), false,
                "Accepted for compatibility; Tidemark has one series index.");
        add("data", "cache-max-memory-size", SettingKind.SIZE, 1L << 30, true,
                "Per-shard cache limit; writes beyond it are refused with cache-max-memory-size exceeded. 0 = none.");
        add("data", "cache-snapshot-memory-size", SettingKind.SIZE, 25L << 20, true,
                "Size of a shard's active cache that starts a snapshot to a TSM file.");
        add("data", "cache-snapshot-write-cold-duration", SettingKind.DURATION, Duration.ofMinutes(10), true,
                "Snapshot a shard's cache to a TSM file when it received no writes for this long.");
        add("data", "compact-full-write-cold-duration", SettingKind.DURATION, Duration.ofHours(4), true,
                "Merge all of a shard's TSM files into one when it received no writes for this long.");
        add("data", "max-concurrent-compactions", SettingKind.INTEGER, 0L, true,
                "Compactions running at once across shards; 0 = half the cores, at least 1.");
        add("data", "compact-throughput", SettingKind.SIZE, 48L << 20, true,
                "Bytes per second compactions may write, all together.");
        add("data", "compact-throughput-burst", SettingKind.SIZE, 48L << 20, true,
                "Bytes compactions may write at once above compact-throughput.");
        add("data", "max-series-per-database", SettingKind.INTEGER, 1_000_000L, false,
                "Series limit per database (series index issue).");
        add("data", "max-values-per-tag", SettingKind.INTEGER, 100_000L, false,
                "Tag values limit per tag key (series index issue).");
        add("data", "query-log-enabled", SettingKind.BOOLEAN, true, false, "Log every query.");
        add("data", "trace-logging-enabled", SettingKind.BOOLEAN, false, false, "Verbose storage logging.");
        add("data", "validate-keys", SettingKind.BOOLEAN, false, false, "Reject keys that are not valid UTF-8.");

        add("retention", "enabled", SettingKind.BOOLEAN, true, true,
                "Drop shard groups whose data is older than their retention policy's duration.");
        add("retention", "check-interval", SettingKind.DURATION, Duration.ofMinutes(30), true,
                "How often retention is enforced.");

        add("coordinator", "write-timeout", SettingKind.DURATION, Duration.ofSeconds(10), true,
                "How long a write may wait for its shards (metadata changes, WAL queue) before it fails.");
        add("coordinator", "max-concurrent-queries", SettingKind.INTEGER, 0L, true, "0 = unlimited.");
        add("coordinator", "query-timeout", SettingKind.DURATION, Duration.ZERO, true, "0s = no timeout.");
        add("coordinator", "log-queries-after", SettingKind.DURATION, Duration.ZERO, true,
                "Log queries running longer than this; 0s = never.");
        add("coordinator", "max-select-point", SettingKind.INTEGER, 0L, true, "0 = unlimited.");
        add("coordinator", "max-select-series", SettingKind.INTEGER, 0L, true, "0 = unlimited.");
        add("coordinator", "max-select-buckets", SettingKind.INTEGER, 0L, true, "0 = unlimited.");
        add("coordinator", "max-query-memory", SettingKind.SIZE, 256L << 20, true,
                "Tidemark's own: the most bytes one SELECT may hold at once in its buffers (values kept by median, "
                        + "percentile, mode, distinct, count(distinct), top/bottom with tags, sample; GROUP BY time "
                        + "buckets; the selected series; the rows of an unchunked response), as estimated on the "
                        + "high side; beyond it the statement fails with 'max-query-memory limit exceeded'. Chunked "
                        + "responses hold one chunk of rows. 0 = unlimited. The default lets the 4 request workers "
                        + "of a small node each hold 256m at once, 1g in all: half the heap the launcher gives a "
                        + "machine with 4 GB (50 % of RAM), leaving the rest to the caches; raise it with the heap.");

        add("monitor", "store-enabled", SettingKind.BOOLEAN, true, true,
                "Write the node's statistics (SHOW STATS) into store-database every store-interval, as InfluxDB does.");
        add("monitor", "store-database", SettingKind.STRING, "_internal", true,
                "Where the statistics go; created with the retention policy monitor (7 days) when missing.");
        add("monitor", "store-interval", SettingKind.DURATION, Duration.ofSeconds(10), true,
                "How often the statistics are written, on the interval's boundaries.");

        add("http", "enabled", SettingKind.BOOLEAN, true, true, "Serve the HTTP API.");
        add("http", "bind-address", SettingKind.STRING, ":8086", true, "host:port, or :port for all interfaces.");
        add("http", "auth-enabled", SettingKind.BOOLEAN, false, true,
                "Authentication is not in this version: true is refused at startup rather than silently ignored.");
        add("http", "realm", SettingKind.STRING, "InfluxDB", false, "Realm of WWW-Authenticate.");
        add("http", "log-enabled", SettingKind.BOOLEAN, true, true, "Log one line per request.");
        add("http", "suppress-write-log", SettingKind.BOOLEAN, false, false, "Leave writes out of the request log.");
        add("http", "access-log-path", SettingKind.STRING, "", false, "Separate request log file.");
        add("http", "write-tracing", SettingKind.BOOLEAN, false, false, "Log write bodies.");
        add("http", "pprof-enabled", SettingKind.BOOLEAN, true, true, "Serve /debug/pprof/*.");
        add("http", "pprof-auth-enabled", SettingKind.BOOLEAN, false, false, "Require an admin for /debug/*.");
        add("http", "debug-pprof-enabled", SettingKind.BOOLEAN, false, false, "Go-specific; accepted.");
        add("http", "ping-auth-enabled", SettingKind.BOOLEAN, false, false, "Require auth for /ping.");
        add("http", "https-enabled", SettingKind.BOOLEAN, false, true,
                "HTTPS is not in this version: true is refused at startup.");
        add("http", "https-certificate", SettingKind.STRING, "/etc/ssl/influxdb.pem", false, "");
        add("http", "https-private-key", SettingKind.STRING, "", false, "");
        add("http", "shared-secret", SettingKind.STRING, "", false, "JWT secret (auth issue).");
        add("http", "max-row-limit", SettingKind.INTEGER, 0L, false, "0 = unlimited.");
        add("http", "max-connection-limit", SettingKind.INTEGER, 0L, true, "Open connections allowed; 0 = unlimited.");
        add("http", "unix-socket-enabled", SettingKind.BOOLEAN, false, false, "");
        add("http", "bind-socket", SettingKind.STRING, "/var/run/influxdb.sock", false, "");
        add("http", "unix-socket-permissions", SettingKind.STRING, "0777", false, "");
        add("http", "max-body-size", SettingKind.SIZE, 25_000_000L, true,
                "Largest request body in bytes, after decompression; larger gets 413. 0 = unlimited.");
        add("http", "max-concurrent-write-limit", SettingKind.INTEGER, 0L, true,
                "Writes running at once, their fsync included; 0 = unlimited. Others wait without a thread.");
        add("http", "max-enqueued-write-limit", SettingKind.INTEGER, 0L, true,
                "Writes that may wait for those; beyond, 503 \"request throttled, queue full\". "
                        + "0 = request-queue-size.");
        add("http", "enqueued-write-timeout", SettingKind.DURATION, Duration.ofSeconds(30), true,
                "How long a write may wait; then 503 \"request throttled, exceeds timeout\". 0 = no limit.");
        add("http", "flux-enabled", SettingKind.BOOLEAN, false, false, "Flux is not offered.");
        add("http", "flux-log-enabled", SettingKind.BOOLEAN, false, false, "");
        add("http", "prom-read-auth-enabled", SettingKind.BOOLEAN, false, false, "");

        add("logging", "format", SettingKind.CHOICE, "auto", List.of("auto", "logfmt", "json"), false, "");
        add("logging", "level", SettingKind.CHOICE, "info", List.of("debug", "info", "warn", "error"), true,
                "Log level of the server.");
        add("logging", "suppress-logo", SettingKind.BOOLEAN, false, false, "");

        add("tidemark", "unsigned-enabled", SettingKind.BOOLEAN, false, true,
                "Accept unsigned integers (1u) in line protocol; InfluxDB 1.x OSS rejects them.");
        add("tidemark", "request-workers", SettingKind.INTEGER, 0L, true,
                "Threads that run writes and queries; 0 = twice the cores (at least 4).");
        add("tidemark", "request-queue-size", SettingKind.INTEGER, 256L, true,
                "Requests that may wait for a worker; beyond it a request gets 503 at once.");
        add("tidemark", "wal-queue-size", SettingKind.INTEGER, 4096L, true,
                "WAL appends that may wait for the committer; beyond it writers wait up to write-timeout.");
        add("tidemark", "watchdog-interval", SettingKind.DURATION, Duration.ofSeconds(5), true,
                "How often the deadlock watchdog looks at the threads.");
        add("tidemark", "watchdog-lock-wait-threshold", SettingKind.DURATION, Duration.ofSeconds(30), true,
                "A thread waiting on one lock or remote call longer than this is reported.");
    }

    private void top(String key, SettingKind kind, Object def, boolean effective, String doc) {
        add("", key, kind, def, effective, doc);
    }

    private void add(String section, String key, SettingKind kind, Object def, boolean effective, String doc) {
        add(section, key, kind, def, List.of(), effective, doc);
    }

    private void add(String section, String key, SettingKind kind, Object def, List<String> choices,
                     boolean effective, String doc) {
        Object normalized = def instanceof Integer i ? (long) i : def;
        Setting s = new Setting(section, key, kind, normalized, choices, effective, doc);
        byQualifiedName.put(s.qualifiedName(), s);
    }

    Setting find(String section, String key) {
        return byQualifiedName.get(section.isEmpty() ? key : "[" + section + "] " + key);
    }

    List<Setting> all() {
        return Collections.unmodifiableList(new ArrayList<>(byQualifiedName.values()));
    }
}
