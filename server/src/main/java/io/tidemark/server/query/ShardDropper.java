package io.tidemark.server.query;

import io.tidemark.meta.RetentionPolicyInfo;

/** Removes local shards whose database, retention policy or shard was dropped. */
public interface ShardDropper {
    void dropShards(RetentionPolicyInfo retentionPolicy);

    /** Removes one local shard ({@code DROP SHARD}); absent is fine. */
    void dropShard(long shardId);
}
