package io.tidemark.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * When a shard's cache becomes TSM files and how files are merged: the {@code cache-snapshot-*}, {@code compact-*}
 * and {@code max-concurrent-compactions} keys of {@code influxdb.conf}'s {@code [data]} section, with InfluxDB's
 * defaults. Immutable; validated on construction.
 *
 * @param cacheSnapshotMemorySizeBytes {@code cache-snapshot-memory-size}: the size of a shard's active cache
 *     generation that starts a snapshot
 * @param cacheSnapshotWriteColdDuration {@code cache-snapshot-write-cold-duration}: a shard without writes for this
 *     long has its cache written to a file whatever its size
 * @param compactFullWriteColdDuration {@code compact-full-write-cold-duration}: a shard without writes for this long
 *     has all its files merged into one
 * @param maxConcurrentCompactions {@code max-concurrent-compactions}: compactions running at once across shards; 0
 *     means half the processors, at least 1
 * @param compactThroughputBytesPerSecond {@code compact-throughput}: the rate compactions write at, over all of them
 * @param compactThroughputBurstBytes {@code compact-throughput-burst}: what they may write at once above that rate
 * @param pointsPerBlock the most points a TSM block holds (InfluxDB: 1000)
 * @param filesPerLevelCompaction how many files of one level a level compaction merges at least (InfluxDB: 4)
 */
public record CompactionConfig(
        long cacheSnapshotMemorySizeBytes,
        Duration cacheSnapshotWriteColdDuration,
        Duration compactFullWriteColdDuration,
        int maxConcurrentCompactions,
        long compactThroughputBytesPerSecond,
        long compactThroughputBurstBytes,
        int pointsPerBlock,
        int filesPerLevelCompaction) {

    public static final CompactionConfig DEFAULTS = new CompactionConfig(25L << 20, Duration.ofMinutes(10),
            Duration.ofHours(4), 0, 48L << 20, 48L << 20, 1000, 4);

    public CompactionConfig {
        Objects.requireNonNull(cacheSnapshotWriteColdDuration, "cacheSnapshotWriteColdDuration");
        Objects.requireNonNull(compactFullWriteColdDuration, "compactFullWriteColdDuration");
        if (cacheSnapshotMemorySizeBytes < 1) {
            throw new IllegalArgumentException("cache-snapshot-memory-size must be positive: "
                    + cacheSnapshotMemorySizeBytes);
        }
        if (cacheSnapshotWriteColdDuration.isNegative() || compactFullWriteColdDuration.isNegative()) {
            throw new IllegalArgumentException("cold durations must not be negative");
        }
        if (maxConcurrentCompactions < 0) {
            throw new IllegalArgumentException("max-concurrent-compactions must not be negative: "
                    + maxConcurrentCompactions);
        }
        if (compactThroughputBytesPerSecond < 1 || compactThroughputBurstBytes < 1) {
            throw new IllegalArgumentException("compact-throughput and compact-throughput-burst must be positive");
        }
        if (pointsPerBlock < 1 || pointsPerBlock > 65_536) {
            throw new IllegalArgumentException("points per block must be in [1, 65536]: " + pointsPerBlock);
        }
        if (filesPerLevelCompaction < 2) {
            throw new IllegalArgumentException("a level compaction merges at least 2 files: " + filesPerLevelCompaction);
        }
    }

    /** The number of compaction threads: {@code max-concurrent-compactions}, or half the processors for 0. */
    public int compactionThreads() {
        return maxConcurrentCompactions > 0 ? maxConcurrentCompactions
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public CompactionConfig withCacheSnapshotMemorySizeBytes(long bytes) {
        return new CompactionConfig(bytes, cacheSnapshotWriteColdDuration, compactFullWriteColdDuration,
                maxConcurrentCompactions, compactThroughputBytesPerSecond, compactThroughputBurstBytes, pointsPerBlock,
                filesPerLevelCompaction);
    }

    public CompactionConfig withColdDurations(Duration snapshot, Duration full) {
        return new CompactionConfig(cacheSnapshotMemorySizeBytes, snapshot, full, maxConcurrentCompactions,
                compactThroughputBytesPerSecond, compactThroughputBurstBytes, pointsPerBlock, filesPerLevelCompaction);
    }

    public CompactionConfig withMaxConcurrentCompactions(int n) {
        return new CompactionConfig(cacheSnapshotMemorySizeBytes, cacheSnapshotWriteColdDuration,
                compactFullWriteColdDuration, n, compactThroughputBytesPerSecond, compactThroughputBurstBytes,
                pointsPerBlock, filesPerLevelCompaction);
    }

    public CompactionConfig withThroughput(long bytesPerSecond, long burstBytes) {
        return new CompactionConfig(cacheSnapshotMemorySizeBytes, cacheSnapshotWriteColdDuration,
                compactFullWriteColdDuration, maxConcurrentCompactions, bytesPerSecond, burstBytes, pointsPerBlock,
                filesPerLevelCompaction);
    }

    public CompactionConfig withPointsPerBlock(int n) {
        return new CompactionConfig(cacheSnapshotMemorySizeBytes, cacheSnapshotWriteColdDuration,
                compactFullWriteColdDuration, maxConcurrentCompactions, compactThroughputBytesPerSecond,
                compactThroughputBurstBytes, n, filesPerLevelCompaction);
    }
}
