package io.tidemark.server.write;

import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.WriteResult;
import java.util.concurrent.CompletableFuture;

/**
 * Where the points writer sends a shard's batch. On a single node this is the local store; in a cluster it will
 * fan out to the shard's owners.
 */
public interface ShardTarget {
    /** Makes sure the shard exists locally (idempotent, cheap when it does). */
    void ensureShard(long shardId, String database, String retentionPolicy) throws ShardWriteException;

    /**
     * Starts writing a shard's batch: throws for what fails at once, with nothing written; the future completes
     * when the points are durable and visible, or exceptionally with the {@link ShardWriteException} that failed
     * them (see {@link io.tidemark.storage.api.ShardWriter#writeAsync}).
     */
    CompletableFuture<WriteResult> write(long shardId, PointBatch batch) throws ShardWriteException;
}
