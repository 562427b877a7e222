package io.tidemark.server.monitor;

import io.tidemark.common.metrics.Statistic;
import io.tidemark.http.Credentials;
import io.tidemark.http.WriteOutcome;
import io.tidemark.http.WriteRequest;
import io.tidemark.http.WriteService;
import io.tidemark.lineprotocol.LineProtocolWriter;
import io.tidemark.meta.MetaClient;
import io.tidemark.meta.MetaCommand;
import io.tidemark.meta.MetaException;
import io.tidemark.meta.MetaUnavailableException;
import io.tidemark.meta.RetentionPolicySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InfluxDB's monitor store ({@code [monitor] store-enabled}): every {@code store-interval}, on the interval's
 * boundary, the node's statistics (those of {@code SHOW STATS}) are written into {@code store-database} (by default
 * {@code _internal}), retention policy {@code monitor} (7 days), one point per statistic, measurement = statistic
 * name, its tags plus {@code hostname}, timestamp = the boundary. Dashboards built on InfluxDB's {@code _internal}
 * database read these.
 *
 * <p>The database is created when it is missing at a tick, so dropping it is undone at the next one (InfluxDB
 * creates it once per start). One thread per node; a write waits for its WAL fsync as any other and holds no lock;
 * a tick that is still writing when the next one is due delays it ({@code scheduleAtFixedRate} never overlaps runs).
 */
public final class MonitorStore implements AutoCloseable {
    static final String RETENTION_POLICY = "monitor";
    static final Duration RETENTION = Duration.ofDays(7);
    /** Points per write request, as InfluxDB batches them. */
    private static final int BATCH_POINTS = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(MonitorStore.class);

    private final Supplier<List<Statistic>> statistics;
    private final MetaClient meta;
    private final WriteService writer;
    private final String database;
    private final Duration interval;
    private final String hostname;
    private final InstantSource clock;
    private final Duration metaTimeout;
    private volatile ScheduledExecutorService timer;

    public MonitorStore(Supplier<List<Statistic>> statistics, MetaClient meta, WriteService writer, String database,
                        Duration interval, String hostname, InstantSource clock, Duration metaTimeout) {
        if (!interval.isPositive()) {
            throw new IllegalArgumentException("store-interval must be positive, not " + interval);
        }
        this.statistics = statistics;
        this.meta = meta;
        this.writer = writer;
        this.database = database;
        this.interval = interval;
        this.hostname = hostname;
        this.clock = clock;
        this.metaTimeout = metaTimeout;
    }

    /** Starts the ticks, the first on the next boundary of the interval. Called once. */
    public void start(String nodeName) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "monitor-store-" + nodeName);
            t.setDaemon(true);
            return t;
        });
        long periodNanos = interval.toNanos();
        long nowNanos = epochNanos(clock.instant());
        long delay = periodNanos - Math.floorMod(nowNanos, periodNanos);
        timer.scheduleAtFixedRate(this::tick, delay, periodNanos, TimeUnit.NANOSECONDS);
        this.timer = timer;
    }

    private void tick() {
        try {
            store(clock.instant());
        } catch (RuntimeException e) {
            // A failed tick must not cancel the schedule.
            LOG.error("storing the statistics into {} failed", database, e);
        }
    }

    /** One tick: makes sure the database exists and writes the statistics, stamped with {@code now} truncated. */
    void store(Instant now) {
        if (!ensureDatabase()) {
            return;
        }
        long periodNanos = interval.toNanos();
        long nowNanos = epochNanos(now);
        long stamp = nowNanos - Math.floorMod(nowNanos, periodNanos);
        LineProtocolWriter lines = new LineProtocolWriter();
        int inBatch = 0;
        for (Statistic s : statistics.get()) {
            if (append(lines, s, stamp)) {
                inBatch++;
            }
            if (inBatch == BATCH_POINTS) {
                write(lines);
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            write(lines);
        }
    }

    /**
     * One statistic as a line; false when it has nothing line protocol can carry (no finite value). Tags with an empty
     * value are left out, as InfluxDB's point model drops them.
     */
    private boolean append(LineProtocolWriter lines, Statistic s, long stamp) {
        Map<String, String> tags = new TreeMap<>(s.tags());
        tags.put("hostname", hostname);
        tags.values().removeIf(String::isEmpty);
        boolean anyField = false;
        for (Object v : s.values().values()) {
            anyField |= v instanceof Long || (v instanceof Double d && Double.isFinite(d));
        }
        if (!anyField) {
            return false;
        }
        lines.measurement(s.name());
        tags.forEach(lines::tag);
        s.values().forEach((key, v) -> {
            if (v instanceof Long l) {
                lines.integerField(key, l);
            } else if (v instanceof Double d && Double.isFinite(d)) {
                lines.floatField(key, d);
            }
        });
        lines.timestamp(stamp);
        return true;
    }

    private void write(LineProtocolWriter lines) {
        WriteOutcome outcome;
        try {
            // The monitor's own thread waits: one write every interval.
            outcome = writer.write(new WriteRequest(database, RETENTION_POLICY, "n", null, lines.toByteArray(),
                    Credentials.NONE)).toCompletableFuture().join();
        } catch (CompletionException e) {
            LOG.warn("storing the statistics into {} failed", database, e.getCause());
            return;
        } finally {
            lines.reset();
        }
        if (outcome.error() != null) {
            LOG.warn("storing the statistics into {} failed: {}", database, outcome.error());
        }
    }

    private boolean ensureDatabase() {
        if (meta.data().database(database) != null) {
            return true;
        }
        try {
            meta.execute(new MetaCommand.CreateDatabase(database,
                    new RetentionPolicySpec(RETENTION_POLICY, RETENTION, Duration.ZERO, 1)), metaTimeout);
            return true;
        } catch (MetaException | MetaUnavailableException e) {
            LOG.warn("cannot create the monitor database {}: {}", database, e.getMessage());
            return false;
        }
    }

    private static long epochNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    @Override
    public void close() throws InterruptedException {
        ScheduledExecutorService timer = this.timer;
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
