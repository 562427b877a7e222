package io.tidemark.storage.api;

/** The shard does not exist on this node (never created, or deleted). */
public final class ShardNotFoundException extends ShardWriteException {
    private final long shardId;

    public ShardNotFoundException(long shardId) {
        super("shard not found: " + shardId);
        this.shardId = shardId;
    }

    public long shardId() {
        return shardId;
    }
}
