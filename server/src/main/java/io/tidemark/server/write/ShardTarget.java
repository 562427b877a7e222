package io.tidemark.server.write;

import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.WriteResult;

/**
 * Where the points writer sends a shard's batch. On a single node this is the local store; in a cluster it will
 * fan out to the shard's owners.
 */
public interface ShardTarget {
    /** Makes sure the shard exists locally (idempotent, cheap when it does). */
    void ensureShard(long shardId, String database, String retentionPolicy) throws ShardWriteException;

    WriteResult write(long shardId, PointBatch batch) throws ShardWriteException;
}
