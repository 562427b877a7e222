package io.tidemark.storage.api;

import java.util.concurrent.CompletableFuture;

/**
 * Writes point batches to shards, locally or on another node (the batch bytes are the RPC payload).
 * Implementations are thread-safe.
 */
public interface ShardWriter {

    /**
     * Writes a batch to a shard and returns once the accepted points are durable according to the node's fsync
     * policy and visible to readers.
     *
     * <p>Field types are fixed per shard, measurement and field: a point with a field whose type differs from the
     * existing one (or, within the batch, from the first occurrence) is dropped whole and counted in the result;
     * the others are written. When the write throws, none of its points are visible; after a node crash a failed
     * write's points may or may not be present, as with any write whose outcome the client did not learn.
     *
     * @throws ShardNotFoundException the shard is not on this node
     * @throws CacheFullException the shard's cache is full; nothing was written
     * @throws ShardWriteException any other failure (the log could not be written or synced, the node is
     *     overloaded or closing); nothing became visible
     */
    WriteResult write(long shardId, PointBatch batch) throws ShardWriteException;

    /**
     * {@link #write} without waiting: what fails at once (the shard is missing, its cache is full, the node is
     * overloaded or closing) throws as {@code write} does, with nothing written; otherwise the future completes
     * once the accepted points are durable and visible, or exceptionally with the {@link ShardWriteException} that
     * failed them (nothing visible). The continuation may run on a thread of the store that must not block: it
     * should only hand the result on.
     */
    CompletableFuture<WriteResult> writeAsync(long shardId, PointBatch batch) throws ShardWriteException;
}
