package io.tidemark.server.query;

import io.tidemark.meta.RetentionPolicyInfo;

/** Removes the local shards of a retention policy whose database or policy was dropped. */
public interface ShardDropper {
    void dropShards(RetentionPolicyInfo retentionPolicy);
}
