package io.tidemark.query.select;

import io.tidemark.influxql.ast.Measurement;
import java.util.List;

/**
 * A FROM measurement with its database and retention policy resolved, and the shards that hold its time range,
 * ordered by time.
 *
 * <p>Immutable; thread-safe.
 */
public record MappedSource(Measurement source, String database, String retentionPolicy, List<Long> shardIds) {
    public MappedSource {
        shardIds = List.copyOf(shardIds);
    }
}
