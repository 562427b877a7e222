package io.tidemark.storage.shard;

import io.tidemark.common.metrics.MetricGroup;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.storage.cache.ShardCache;
import io.tidemark.storage.wal.ShardWal;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A shard's statistics, in the groups and with the names InfluxDB's {@code SHOW STATS} uses ({@code shard},
 * {@code tsm1_cache}, {@code tsm1_wal}, tagged with the shard id). Thread-safe.
 */
final class ShardMetrics {
    private final MetricRegistry registry;
    private final Map<String, String> tags;

    final LongAdder writeReq;
    final LongAdder writeReqOk;
    final LongAdder writeReqErr;
    final LongAdder writePointsOk;
    final LongAdder writePointsDropped;
    final LongAdder writePointsErr;
    final LongAdder writeBytes;

    final LongAdder cacheWriteOk;
    final LongAdder cacheWriteErr;

    final LongAdder walWriteOk;
    final LongAdder walWriteErr;
    final LongAdder walCorruptions;
    final LongAdder walTruncatedTails;
    final LongAdder walReplayedEntries;
    final LongAdder walReplayDroppedPoints;

    final LongAdder snapshots;
    final LongAdder snapshotErrors;
    final LongAdder snapshotNanos;
    final LongAdder snapshotBytes;
    /** When the cache was last written to a file, or the shard opened: InfluxDB's cacheAgeMs counts from it. */
    volatile long lastSnapshotNanos = System.nanoTime();
    final LongAdder compactions;
    final LongAdder compactionErrors;
    final LongAdder compactionNanos;
    final LongAdder compactionsAbandoned;
    final LongAdder readDamagedBlocks;
    final LongAdder tombstonesWritten;

    /**
     * Registers the shard's statistics under InfluxDB's tags (SHOW STATS, /debug/vars, /metrics), which the
     * monitoring of InfluxDB (Telegraf's influxdb input and its dashboards) groups by: database, retention policy,
     * engine, shard id and the shard's data and WAL directories.
     */
    ShardMetrics(MetricRegistry registry, long shardId, String database, String retentionPolicy, Path dataDir,
            Path walDir) {
        this.registry = registry;
        this.tags = Map.of("id", Long.toString(shardId), "database", database, "retentionPolicy", retentionPolicy,
                "engine", "tsm1", "path", dataDir.toString(), "walPath", walDir.toString());
        MetricGroup shard = registry.group("shard", tags);
        writeReq = shard.counter("writeReq");
        writeReqOk = shard.counter("writeReqOk");
        writeReqErr = shard.counter("writeReqErr");
        writePointsOk = shard.counter("writePointsOk");
        writePointsDropped = shard.counter("writePointsDropped");
        writePointsErr = shard.counter("writePointsErr");
        writeBytes = shard.counter("writeBytes");
        MetricGroup cache = registry.group("tsm1_cache", tags);
        cacheWriteOk = cache.counter("writeOk");
        cacheWriteErr = cache.counter("writeErr");
        MetricGroup wal = registry.group("tsm1_wal", tags);
        walWriteOk = wal.counter("writeOk");
        walWriteErr = wal.counter("writeErr");
        walCorruptions = wal.counter("corruptEntries");
        walTruncatedTails = wal.counter("truncatedTails");
        walReplayedEntries = wal.counter("replayedEntries");
        walReplayDroppedPoints = wal.counter("replayDroppedPoints");
        MetricGroup cacheSnapshots = registry.group("tsm1_cache", tags);
        snapshots = cacheSnapshots.counter("snapshotCount");
        snapshotErrors = cacheSnapshots.counter("snapshotErrors");
        snapshotNanos = cacheSnapshots.counter("snapshotDurationNs");
        snapshotBytes = cacheSnapshots.counter("cachedBytes");
        cacheSnapshots.gauge("WALCompactionTimeMs", () -> snapshotNanos.sum() / 1_000_000);
        cacheSnapshots.gauge("cacheAgeMs", () -> (System.nanoTime() - lastSnapshotNanos) / 1_000_000);
        MetricGroup engine = registry.group("tsm1_engine", tags);
        compactions = engine.counter("compactions");
        compactionErrors = engine.counter("compactionErrors");
        compactionNanos = engine.counter("compactionDurationNs");
        compactionsAbandoned = engine.counter("compactionsAbandoned");
        tombstonesWritten = engine.counter("tombstones");
        MetricGroup filestore = registry.group("tsm1_filestore", tags);
        readDamagedBlocks = filestore.counter("damagedBlockReads");
    }

    void bindGauges(ShardCache cache, ShardWal wal, ShardFiles files, ShardIndex index) {
        MetricGroup s = registry.group("shard", tags);
        s.gauge("seriesCreate", () -> index.index().seriesCreated());
        s.gauge("fieldsCreate", () -> index.index().fieldsCreated());
        MetricGroup c = registry.group("tsm1_cache", tags);
        c.gauge("memBytes", cache::heldBytes);
        c.gauge("reservedBytes", cache::reservedBytes);
        c.gauge("series", () -> (long) cache.active().seriesCount());
        c.gauge("frozenGenerations", () -> (long) cache.frozen().size());
        MetricGroup fsGroup = registry.group("tsm1_filestore", tags);
        fsGroup.gauge("diskBytes", files::diskBytes);
        fsGroup.gauge("numFiles", () -> (long) files.files().size());
        fsGroup.gauge("damagedFilesMovedAside", files::movedAside);
        fsGroup.gauge("lookupTableBytes", files::lookupTableBytes);
        MetricGroup w = registry.group("tsm1_wal", tags);
        w.gauge("currentSegmentDiskBytes", wal::currentSegmentBytes);
        w.gauge("oldSegmentsDiskBytes", wal::oldSegmentsBytes);
        registry.group("shard", tags).gauge("diskBytes",
                () -> wal.currentSegmentBytes() + wal.oldSegmentsBytes() + files.diskBytes());
    }

    /** Forgets this shard's groups (the shard was deleted). */
    void unregister() {
        registry.remove("shard", tags);
        registry.remove("tsm1_cache", tags);
        registry.remove("tsm1_wal", tags);
        registry.remove("tsm1_engine", tags);
        registry.remove("tsm1_filestore", tags);
    }
}
