package io.tidemark.meta;

import java.util.List;

/** One shard of a shard group, with the ids of the data nodes that own a copy (empty on a single node). */
public record ShardInfo(long id, List<Long> owners) {
    public ShardInfo {
        owners = List.copyOf(owners);
    }
}
