package io.tidemark.storage.shard;

/**
 * What a shard needs from the store's configuration. Immutable.
 *
 * @param cacheMaxMemorySizeBytes the most the cache may hold, frozen generations included; 0 for no limit
 * @param cacheSnapshotMemorySizeBytes the size of the active cache generation that starts a snapshot
 * @param walSegmentSizeBytes the size at which a WAL segment is closed
 * @param pointsPerBlock the most points a TSM block holds
 */
public record ShardSettings(long cacheMaxMemorySizeBytes, long cacheSnapshotMemorySizeBytes, long walSegmentSizeBytes,
        int pointsPerBlock) {
}
