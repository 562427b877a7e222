package io.tidemark.server;

import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.common.metrics.Statistic;
import io.tidemark.common.result.Series;
import io.tidemark.diagnostics.DebugEndpoints;
import io.tidemark.diagnostics.requests.RequestKind;
import io.tidemark.diagnostics.stats.BuildInfo;
import io.tidemark.diagnostics.threads.ThreadDump;
import io.tidemark.diagnostics.watchdog.HealthStatus;
import io.tidemark.diagnostics.watchdog.InFlightCalls;
import io.tidemark.diagnostics.watchdog.Watchdog;
import io.tidemark.diagnostics.watchdog.WatchdogConfig;
import io.tidemark.http.DebugService;
import io.tidemark.http.HealthCheck;
import io.tidemark.server.config.TidemarkConfig;
import io.tidemark.server.query.NodeStatistics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The node's diagnostics: the deadlock watchdog (which drives {@code /health}) and the {@code /debug/*},
 * {@code /metrics}, {@code SHOW STATS} and {@code SHOW DIAGNOSTICS} answers, adapted to the HTTP layer's
 * interfaces. Thread-safe.
 */
final class NodeDiagnostics implements DebugService, HealthCheck, NodeStatistics, AutoCloseable {
    private final Watchdog watchdog;
    private final DebugEndpoints endpoints;
    private final InFlightCalls inFlightCalls;

    private NodeDiagnostics(Watchdog watchdog, DebugEndpoints endpoints, InFlightCalls inFlightCalls) {
        this.watchdog = watchdog;
        this.endpoints = endpoints;
        this.inFlightCalls = inFlightCalls;
    }

    static NodeDiagnostics start(TidemarkConfig config, MetricRegistry metrics, String nodeName,
                                 List<String> commandLine) {
        Path dumpDir = Path.of(config.string("data", "dir")).resolve("diagnostics");
        ThreadDump threads = ThreadDump.ofThisJvm(dumpDir);
        Duration interval = config.duration("tidemark", "watchdog-interval");
        Duration lockWait = config.duration("tidemark", "watchdog-lock-wait-threshold");
        WatchdogConfig defaults = WatchdogConfig.defaults();
        WatchdogConfig wc = new WatchdogConfig(interval, lockWait, defaults.remoteCallThreshold(),
                defaults.threadGrowthThreshold(), max(defaults.threadGrowthWindow(), interval));
        InFlightCalls calls = new InFlightCalls(InstantSource.system());
        Watchdog watchdog = new Watchdog(wc, threads, calls, metrics, InstantSource.system());
        watchdog.start();
        DebugEndpoints endpoints = new DebugEndpoints(metrics, watchdog, dumpDir, commandLine,
                new BuildInfo(Version.TIDEMARK, "", "", ""), InstantSource.system());
        endpoints.addDiagnostics("config-data", () -> Map.of(
                "Dir", config.string("data", "dir"),
                "WALDir", config.string("data", "wal-dir"),
                "WALFsyncDelay", config.duration("data", "wal-fsync-delay").toString(),
                "CacheMaxMemorySize", config.number("data", "cache-max-memory-size")));
        endpoints.addDiagnostics("config-meta", () -> Map.of("Dir", config.string("meta", "dir")));
        endpoints.addDiagnostics("config-http", () -> Map.of(
                "BindAddress", config.string("http", "bind-address"),
                "MaxBodySize", config.number("http", "max-body-size")));
        return new NodeDiagnostics(watchdog, endpoints, calls);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Where remote calls register themselves so that the watchdog can report slow ones (cluster issue). */
    InFlightCalls inFlightCalls() {
        return inFlightCalls;
    }

    /** Every statistic of the node and its JVM, as SHOW STATS reads them. */
    List<Statistic> statistics() {
        return endpoints.statistics();
    }

    @Override
    public List<Series> showStats(String module) {
        return endpoints.showStats(module);
    }

    @Override
    public List<Series> showDiagnostics(String module) {
        return endpoints.showDiagnostics(module);
    }

    @Override
    public CompletableFuture<Reply> handle(String path, Map<String, List<String>> params) {
        return endpoints.handle(path, params).thenApply(r -> new Reply(r.status(), r.contentType(), r.body()));
    }

    @Override
    public void recordRequest(String user, String remoteAddress, boolean write) {
        endpoints.requestTracker().record(user, remoteAddress, write ? RequestKind.WRITE : RequestKind.QUERY);
    }

    @Override
    public String failureReason() {
        HealthStatus h = watchdog.health();
        return h.ok() ? null : h.reason();
    }

    @Override
    public void close() {
        endpoints.close();
        watchdog.close();
    }
}
