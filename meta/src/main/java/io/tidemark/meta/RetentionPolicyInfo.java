package io.tidemark.meta;

import java.time.Duration;
import java.util.List;

/**
 * A retention policy: how long data is kept ({@link Duration#ZERO} = forever), how wide its shard groups are,
 * and how many copies of each shard the cluster keeps. Shard groups are sorted by start time.
 */
public record RetentionPolicyInfo(String name, Duration duration, Duration shardGroupDuration, int replicaN,
                                  List<ShardGroupInfo> shardGroups) {
    public static final Duration MIN_DURATION = Duration.ofHours(1);

    public RetentionPolicyInfo {
        shardGroups = List.copyOf(shardGroups);
    }

    /** The live shard group holding {@code timestampNanos}, or null. */
    public ShardGroupInfo shardGroupFor(long timestampNanos) {
        for (ShardGroupInfo g : shardGroups) {
            if (!g.deleted() && g.contains(timestampNanos)) {
                return g;
            }
        }
        return null;
    }

    RetentionPolicyInfo withShardGroups(List<ShardGroupInfo> groups) {
        return new RetentionPolicyInfo(name, duration, shardGroupDuration, replicaN, groups);
    }

    /**
     * InfluxDB's default shard group width for a retention period: 1h below 2 days, 1 day up to 6 months,
     * 7 days beyond and for infinite retention.
     */
    public static Duration defaultShardGroupDuration(Duration retention) {
        if (retention.isZero() || retention.compareTo(Duration.ofDays(180)) >= 0) {
            return Duration.ofDays(7);
        }
        if (retention.compareTo(Duration.ofDays(2)) >= 0) {
            return Duration.ofDays(1);
        }
        return Duration.ofHours(1);
    }

    /** What InfluxDB stores for a requested shard duration: the default for 0, at least one hour otherwise. */
    public static Duration normalisedShardGroupDuration(Duration requested, Duration retention) {
        if (requested == null || requested.isZero()) {
            return defaultShardGroupDuration(retention);
        }
        return requested.compareTo(MIN_DURATION) < 0 ? MIN_DURATION : requested;
    }
}
