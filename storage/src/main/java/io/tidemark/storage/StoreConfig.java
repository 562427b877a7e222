package io.tidemark.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a {@link Store}, the {@code [data]} section of {@code influxdb.conf}. Immutable; validated on
 * construction.
 *
 * @param dataDir {@code dir}: where shards keep their files other than the WAL
 * @param walDir {@code wal-dir}: where shards keep their WAL segments
 * @param walFsyncDelay {@code wal-fsync-delay}: how long the WAL committer may wait to gather more writes into one
 *     fsync; 0 fsyncs every commit group as soon as it is written. Writes are acknowledged only after their fsync
 *     either way.
 * @param cacheMaxMemorySizeBytes {@code cache-max-memory-size}: the most a shard's cache may hold; writes beyond
 *     it are refused. 0 means unlimited.
 * @param walSegmentSizeBytes the size at which a WAL segment is closed and a new one started; an entry larger than
 *     this gets a segment of its own
 * @param walQueueCapacity how many writes (of all shards) may wait for the WAL committer; a writer that finds the
 *     queue full waits up to {@code walQueueTimeout}, then fails
 * @param walQueueTimeout how long a writer waits for room in a full WAL queue
 * @param compaction when caches become files and files are merged
 */
public record StoreConfig(
        Path dataDir,
        Path walDir,
        Duration walFsyncDelay,
        long cacheMaxMemorySizeBytes,
        long walSegmentSizeBytes,
        int walQueueCapacity,
        Duration walQueueTimeout,
        CompactionConfig compaction) {

    public static final long DEFAULT_CACHE_MAX_MEMORY_SIZE_BYTES = 1L << 30;
    public static final long DEFAULT_WAL_SEGMENT_SIZE_BYTES = 10L << 20;
    public static final int DEFAULT_WAL_QUEUE_CAPACITY = 1024;
    public static final Duration DEFAULT_WAL_QUEUE_TIMEOUT = Duration.ofSeconds(10);

    public StoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(walDir, "walDir");
        Objects.requireNonNull(walFsyncDelay, "walFsyncDelay");
        Objects.requireNonNull(walQueueTimeout, "walQueueTimeout");
        Objects.requireNonNull(compaction, "compaction");
        if (walFsyncDelay.isNegative()) {
            throw new IllegalArgumentException("wal-fsync-delay must not be negative: " + walFsyncDelay);
        }
        if (walFsyncDelay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("wal-fsync-delay above 10s holds every write that long: " + walFsyncDelay);
        }
        if (cacheMaxMemorySizeBytes < 0) {
            throw new IllegalArgumentException("cache-max-memory-size must not be negative: " + cacheMaxMemorySizeBytes);
        }
        if (walSegmentSizeBytes < 4096) {
            throw new IllegalArgumentException("WAL segment size must be at least 4096 bytes: " + walSegmentSizeBytes);
        }
        if (walQueueCapacity < 1) {
            throw new IllegalArgumentException("WAL queue capacity must be at least 1: " + walQueueCapacity);
        }
        if (walQueueTimeout.isNegative() || walQueueTimeout.isZero()) {
            throw new IllegalArgumentException("WAL queue timeout must be positive: " + walQueueTimeout);
        }
    }

    /** InfluxDB's defaults: no fsync delay, 1 GiB of cache per shard, 10 MiB segments. */
    public static StoreConfig defaults(Path dataDir, Path walDir) {
        return new StoreConfig(dataDir, walDir, Duration.ZERO, DEFAULT_CACHE_MAX_MEMORY_SIZE_BYTES,
                DEFAULT_WAL_SEGMENT_SIZE_BYTES, DEFAULT_WAL_QUEUE_CAPACITY, DEFAULT_WAL_QUEUE_TIMEOUT,
                CompactionConfig.DEFAULTS);
    }

    public StoreConfig withWalFsyncDelay(Duration delay) {
        return new StoreConfig(dataDir, walDir, delay, cacheMaxMemorySizeBytes, walSegmentSizeBytes, walQueueCapacity,
                walQueueTimeout, compaction);
    }

    public StoreConfig withCacheMaxMemorySizeBytes(long bytes) {
        return new StoreConfig(dataDir, walDir, walFsyncDelay, bytes, walSegmentSizeBytes, walQueueCapacity,
                walQueueTimeout, compaction);
    }

    public StoreConfig withWalSegmentSizeBytes(long bytes) {
        return new StoreConfig(dataDir, walDir, walFsyncDelay, cacheMaxMemorySizeBytes, bytes, walQueueCapacity,
                walQueueTimeout, compaction);
    }

    public StoreConfig withWalQueue(int capacity, Duration timeout) {
        return new StoreConfig(dataDir, walDir, walFsyncDelay, cacheMaxMemorySizeBytes, walSegmentSizeBytes, capacity,
                timeout, compaction);
    }

    public StoreConfig withCompaction(CompactionConfig c) {
        return new StoreConfig(dataDir, walDir, walFsyncDelay, cacheMaxMemorySizeBytes, walSegmentSizeBytes,
                walQueueCapacity, walQueueTimeout, c);
    }
}
