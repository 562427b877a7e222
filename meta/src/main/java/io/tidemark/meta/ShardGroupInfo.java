package io.tidemark.meta;

import java.util.List;

/**
 * The shards that hold one retention policy's data for the time range [start, end), in nanoseconds since the
 * epoch. {@code deletedAtNanos} is 0 while the group is live.
 */
public record ShardGroupInfo(long id, long startNanos, long endNanos, long deletedAtNanos, List<ShardInfo> shards) {
    public ShardGroupInfo {
        shards = List.copyOf(shards);
    }

    public boolean contains(long timestampNanos) {
        return timestampNanos >= startNanos && timestampNanos < endNanos;
    }

    public boolean deleted() {
        return deletedAtNanos != 0;
    }

    public boolean overlaps(long minNanos, long maxNanos) {
        return startNanos <= maxNanos && endNanos > minNanos;
    }
}
