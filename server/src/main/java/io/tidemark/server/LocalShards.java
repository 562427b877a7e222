package io.tidemark.server;

import io.tidemark.meta.RetentionPolicyInfo;
import io.tidemark.meta.ShardGroupInfo;
import io.tidemark.meta.ShardInfo;
import io.tidemark.server.query.ShardDropper;
import io.tidemark.server.retention.RetentionEnforcer;
import io.tidemark.server.write.ShardTarget;
import io.tidemark.storage.Store;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.WriteResult;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The single-node binding of the write path and of DDL to the local store. Thread-safe (the store is). */
final class LocalShards implements ShardTarget, ShardDropper, RetentionEnforcer.ShardRemover {
    private static final Logger LOG = LoggerFactory.getLogger(LocalShards.class);
    private final Store store;

    LocalShards(Store store) {
        this.store = store;
    }

    @Override
    public void ensureShard(long shardId, String database, String retentionPolicy) throws ShardWriteException {
        try {
            store.createShard(shardId, database, retentionPolicy);
        } catch (IOException e) {
            // A write routed before its shard was dropped: the drop may be deleting the directory right now.
            if (store.wasDeleted(shardId)) {
                throw new ShardNotFoundException(shardId);
            }
            throw new ShardWriteException("cannot create shard " + shardId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<WriteResult> write(long shardId, PointBatch batch) throws ShardWriteException {
        return store.writeAsync(shardId, batch);
    }

    @Override
    public boolean removeShard(long shardId) throws IOException {
        if (!store.shardIds().contains(shardId)) {
            return false;
        }
        store.deleteShard(shardId);
        return true;
    }

    @Override
    public Set<Long> localShards() {
        return store.shardIds();
    }

    @Override
    public void dropShard(long shardId) {
        try {
            store.deleteShard(shardId);
        } catch (IOException e) {
            LOG.error("cannot delete dropped shard {}", shardId, e);
        }
    }

    @Override
    public void dropShards(RetentionPolicyInfo retentionPolicy) {
        for (ShardGroupInfo group : retentionPolicy.shardGroups()) {
            for (ShardInfo shard : group.shards()) {
                try {
                    store.deleteShard(shard.id());
                } catch (IOException e) {
                    LOG.error("cannot delete shard {} of dropped retention policy {}", shard.id(),
                            retentionPolicy.name(), e);
                }
            }
        }
    }
}
