package io.tidemark.meta;

import java.time.Duration;

/**
 * A change to the metadata. Commands are applied deterministically by {@link MetaStateMachine}, so that a
 * replicated log of them (the cluster's Raft log) gives every meta node the same state.
 */
public sealed interface MetaCommand {

    /** Creates a database (idempotent) with one retention policy made the default, or none when it is null. */
    record CreateDatabase(String name, RetentionPolicySpec retentionPolicy) implements MetaCommand {
    }

    record DropDatabase(String name) implements MetaCommand {
    }

    record CreateRetentionPolicy(String database, RetentionPolicySpec spec, boolean makeDefault)
            implements MetaCommand {
    }

    /** Changes the given properties of a retention policy; null means "leave as it is". */
    record UpdateRetentionPolicy(String database, String name, String newName, Duration duration,
                                 Duration shardGroupDuration, Integer replicaN, boolean makeDefault)
            implements MetaCommand {
    }

    record DropRetentionPolicy(String database, String name) implements MetaCommand {
    }

    /** Creates the shard group of a retention policy that holds {@code timestampNanos}, unless one exists. */
    record CreateShardGroup(String database, String retentionPolicy, long timestampNanos) implements MetaCommand {
    }

    /**
     * Removes a shard from its group ({@code DROP SHARD}); a group left without shards is marked deleted. An
     * unknown shard is not an error, so the command can be repeated after a partial failure.
     */
    record DropShard(long shardId, long deletedAtNanos) implements MetaCommand {
    }

    /** Marks a shard group deleted (retention enforcement, DROP SHARD of its last shard). */
    record DeleteShardGroup(String database, String retentionPolicy, long shardGroupId, long deletedAtNanos)
            implements MetaCommand {
    }
}
