package io.tidemark.server;

import io.tidemark.common.fs.Fs;
import io.tidemark.common.fs.RealFs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.diagnostics.stats.HostName;
import io.tidemark.http.HttpConfig;
import io.tidemark.http.HttpServer;
import io.tidemark.meta.LocalMetaStore;
import io.tidemark.query.QueryEngine;
import io.tidemark.server.config.ConfigException;
import io.tidemark.server.config.TidemarkConfig;
import io.tidemark.server.monitor.MonitorStore;
import io.tidemark.server.query.QueryManager;
import io.tidemark.server.query.SeriesDeleter;
import io.tidemark.server.query.StatementExecutor;
import io.tidemark.server.retention.RetentionEnforcer;
import io.tidemark.server.write.PointsWriter;
import io.tidemark.storage.Store;
import io.tidemark.storage.StoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Tidemark node: the composition root that builds every component from the configuration, in dependency
 * order, and closes them in reverse. Nothing here is static, so several nodes can run in one JVM (tests).
 */
public final class TidemarkNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TidemarkNode.class);

    private final String name;
    private final MetricRegistry metrics;
    /** Every component, in the order opened; closed in reverse. */
    private final List<AutoCloseable> components;
    private final HttpServer http;

    private TidemarkNode(String name, MetricRegistry metrics, List<AutoCloseable> components, HttpServer http) {
        this.name = name;
        this.metrics = metrics;
        this.components = List.copyOf(components);
        this.http = http;
    }

    /** Opens the data directories (replaying the WAL) and starts serving. */
    public static TidemarkNode start(TidemarkConfig config, String name, List<String> commandLine)
            throws ConfigException, IOException, InterruptedException {
        NodeSettings.checkSupported(config);
        StoreConfig storeConfig;
        HttpConfig httpConfig;
        try {
            storeConfig = NodeSettings.store(config);
            httpConfig = NodeSettings.http(config);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        for (String warning : config.warnings()) {
            LOG.warn(warning);
        }
        HttpServer.loadTransportInBackground();
        Fs fs = new RealFs();
        MetricRegistry metrics = new MetricRegistry();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            lockDirectories(config, storeConfig, opened);
            LocalMetaStore meta = LocalMetaStore.open(fs, NodeSettings.metaDir(config), name);
            opened.add(meta);
            long t0 = System.nanoTime();
            Store store = Store.open(storeConfig, fs, metrics);
            opened.add(store);
            LOG.info("storage opened in {} ms: {} shards", (System.nanoTime() - t0) / 1_000_000,
                    store.shardIds().size());
            LocalShards shards = new LocalShards(store);
            PointsWriter writer = new PointsWriter(meta, shards, NodeSettings.write(config), InstantSource.system(),
                    metrics);
            if (config.bool("retention", "enabled")) {
                RetentionEnforcer retention = new RetentionEnforcer(meta, shards, InstantSource.system(), name);
                opened.add(retention);
                retention.start(config.duration("retention", "check-interval"));
            }
            NodeDiagnostics diagnostics = NodeDiagnostics.start(config, metrics, name, commandLine);
            opened.add(diagnostics);
            Duration writeTimeout = config.duration("coordinator", "write-timeout");
            store.watchIo(what -> diagnostics.inFlightCalls().begin(what, writeTimeout)::close);
            QueryEngine engine = new QueryEngine(meta, store, NodeSettings.queryLimits(config),
                    InstantSource.system());
            QueryManager queries = new QueryManager((int) config.number("coordinator", "max-concurrent-queries"),
                    config.duration("coordinator", "query-timeout"), config.duration("coordinator", "log-queries-after"),
                    metrics, name);
            opened.add(queries);
            SeriesDeleter deleter = new SeriesDeleter(meta, store);
            StatementExecutor executor = new StatementExecutor(meta, shards, deleter, diagnostics, engine, queries,
                    InstantSource.system(), config.bool("meta", "retention-autocreate"));
            HttpServer http = HttpServer.start(httpConfig, writer, executor, diagnostics,
                    diagnostics, metrics, name);
            opened.add(http);
            if (config.bool("monitor", "store-enabled")) {
                MonitorStore monitor = new MonitorStore(diagnostics::statistics, meta, writer,
                        config.string("monitor", "store-database"), config.duration("monitor", "store-interval"),
                        HostName.local(), InstantSource.system(), config.duration("coordinator", "write-timeout"));
                opened.add(monitor);
                monitor.start(name);
            }
            LOG.info("Tidemark {} listening on {} ({}; data {}, wal {})", Version.TIDEMARK, config.string("http",
                    "bind-address"), http.transport(), config.string("data", "dir"), config.string("data", "wal-dir"));
            return new TidemarkNode(name, metrics, opened, http);
        } catch (IOException | RuntimeException | InterruptedException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * Locks the meta, data and WAL directories (each once, if two are the same) before anything opens them; the locks
     * go first into {@code opened}, so they are released last.
     *
     * @throws DirectoryInUseException if another node holds one of them
     */
    private static void lockDirectories(TidemarkConfig config, StoreConfig store, List<AutoCloseable> opened)
            throws IOException {
        Map<Path, String> dirs = new LinkedHashMap<>();
        dirs.putIfAbsent(NodeSettings.metaDir(config).toAbsolutePath().normalize(), "meta");
        dirs.putIfAbsent(store.dataDir().toAbsolutePath().normalize(), "data");
        dirs.putIfAbsent(store.walDir().toAbsolutePath().normalize(), "WAL");
        for (Map.Entry<Path, String> d : dirs.entrySet()) {
            opened.add(DirectoryLock.acquire(d.getKey(), d.getValue()));
        }
    }

    public int httpPort() {
        return http.port();
    }

    public String name() {
        return name;
    }

    public MetricRegistry metrics() {
        return metrics;
    }

    /** Stops serving, then flushes and fsyncs the storage. */
    @Override
    public void close() {
        closeAll(components);
        LOG.info("Tidemark node {} stopped", name);
    }

    /** Closes in reverse order of opening; one failure does not stop the others. */
    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                LOG.error("error while closing {}", opened.get(i).getClass().getSimpleName(), e);
            }
        }
    }
}
