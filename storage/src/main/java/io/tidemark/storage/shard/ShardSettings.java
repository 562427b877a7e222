package io.tidemark.storage.shard;

import io.tidemark.storage.tsm.TsmFormat;

/**
 * What a shard needs from the store's configuration. Immutable.
 *
 * @param cacheMaxMemorySizeBytes the most the cache may hold, frozen generations included; 0 for no limit
 * @param cacheSnapshotMemorySizeBytes the size of the active cache generation that starts a snapshot
 * @param walSegmentSizeBytes the size at which a WAL segment is closed
 * @param pointsPerBlock the most points a TSM block of a snapshot or level compaction holds
 */
public record ShardSettings(long cacheMaxMemorySizeBytes, long cacheSnapshotMemorySizeBytes, long walSegmentSizeBytes,
        int pointsPerBlock) {
    /** How many times more points a block of a full compaction holds. */
    static final int FULL_COMPACTION_BLOCK_FACTOR = 4;
    /** Blocks of full compactions end at UTC day boundaries. */
    static final long FULL_COMPACTION_BLOCK_PERIOD_NANOS = 86_400_000_000_000L;

    /**
     * The most points a block of a full compaction holds: a fully compacted shard is cold, read far more than
     * written, and larger blocks store it in less space (fewer block headers, code tables and index entries: 0.333
     * against 0.304 bytes a value on the bench's integer data with 4,000 points instead of 1,000) at the cost of
     * decoding more to read a few points. Its blocks also end at UTC day boundaries, so that GROUP BY time() windows
     * of whole days (or hours dividing them, when blocks are that short) never cut a block and are answered from
     * block statistics.
     */
    int fullCompactionPointsPerBlock() {
        return Math.min(TsmFormat.MAX_POINTS_PER_BLOCK,
                FULL_COMPACTION_BLOCK_FACTOR * pointsPerBlock);
    }
}
