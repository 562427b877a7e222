package io.tidemark.server.write;

import io.tidemark.storage.api.PointBatchBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The points of one request grouped by shard, one builder per shard. A request usually touches one or two
 * shards, so a small list beats a map. Not thread-safe; one per request.
 */
final class ShardBatches {
    private final List<Long> shardIds = new ArrayList<>(2);
    private final List<PointBatchBuilder> builders = new ArrayList<>(2);

    PointBatchBuilder forShard(long shardId) {
        for (int i = 0; i < shardIds.size(); i++) {
            if (shardIds.get(i) == shardId) {
                return builders.get(i);
            }
        }
        PointBatchBuilder b = new PointBatchBuilder();
        shardIds.add(shardId);
        builders.add(b);
        return b;
    }

    int size() {
        return shardIds.size();
    }

    long shardId(int i) {
        return shardIds.get(i);
    }

    PointBatchBuilder builder(int i) {
        return builders.get(i);
    }
}
