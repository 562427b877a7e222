package io.tidemark.server;

import io.tidemark.http.HttpConfig;
import io.tidemark.query.QueryLimits;
import io.tidemark.server.config.ConfigException;
import io.tidemark.server.config.TidemarkConfig;
import io.tidemark.server.write.WriteLimits;
import io.tidemark.storage.CompactionConfig;
import io.tidemark.storage.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Turns the effective configuration into each component's config record, and refuses settings that Tidemark
 * cannot honour yet rather than ignoring them silently.
 */
final class NodeSettings {
    static final String VERSION = "1.8.10-tidemark-" + Version.TIDEMARK;

    private NodeSettings() {
    }

    static void checkSupported(TidemarkConfig config) throws ConfigException {
        if (config.bool("http", "auth-enabled")) {
            throw new ConfigException("[http] auth-enabled = true is not supported by this version of Tidemark "
                    + "(authentication comes in a later version); set it to false");
        }
        if (config.bool("http", "https-enabled")) {
            throw new ConfigException("[http] https-enabled = true is not supported by this version of Tidemark; "
                    + "put a TLS-terminating proxy in front of it, or set it to false");
        }
        if (!config.bool("http", "enabled")) {
            throw new ConfigException("[http] enabled = false leaves a single node with no API; set it to true");
        }
    }

    static StoreConfig store(TidemarkConfig config) {
        return StoreConfig.defaults(Path.of(config.string("data", "dir")), Path.of(config.string("data", "wal-dir")))
                .withWalFsyncDelay(config.duration("data", "wal-fsync-delay"))
                .withCacheMaxMemorySizeBytes(config.number("data", "cache-max-memory-size"))
                .withWalQueue((int) config.number("tidemark", "wal-queue-size"),
                        config.duration("coordinator", "write-timeout"))
                .withCompaction(CompactionConfig.DEFAULTS
                        .withCacheSnapshotMemorySizeBytes(config.number("data", "cache-snapshot-memory-size"))
                        .withColdDurations(config.duration("data", "cache-snapshot-write-cold-duration"),
                                config.duration("data", "compact-full-write-cold-duration"))
                        .withMaxConcurrentCompactions((int) config.number("data", "max-concurrent-compactions"))
                        .withThroughput(config.number("data", "compact-throughput"),
                                config.number("data", "compact-throughput-burst")));
    }

    static HttpConfig http(TidemarkConfig config) {
        int workers = (int) config.number("tidemark", "request-workers");
        if (workers <= 0) {
            workers = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        }
        return new HttpConfig(config.string("http", "bind-address"), config.number("http", "max-body-size"),
                config.bool("http", "log-enabled"), config.bool("http", "pprof-enabled"), workers,
                (int) config.number("tidemark", "request-queue-size"),
                (int) config.number("http", "max-connection-limit"), VERSION,
                (int) config.number("http", "max-concurrent-write-limit"),
                (int) config.number("http", "max-enqueued-write-limit"),
                config.duration("http", "enqueued-write-timeout"));
    }

    static WriteLimits write(TidemarkConfig config) {
        return new WriteLimits(config.duration("coordinator", "write-timeout"),
                config.bool("tidemark", "unsigned-enabled"), 65_535);
    }

    static QueryLimits queryLimits(TidemarkConfig config) {
        return new QueryLimits(config.number("coordinator", "max-select-point"),
                config.number("coordinator", "max-select-series"), config.number("coordinator", "max-select-buckets"),
                config.number("coordinator", "max-query-memory"));
    }

    static Path metaDir(TidemarkConfig config) {
        return Path.of(config.string("meta", "dir"));
    }

    static Duration watchdogInterval(TidemarkConfig config) {
        return config.duration("tidemark", "watchdog-interval");
    }
}
