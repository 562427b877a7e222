package io.tidemark.query.select;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import io.tidemark.query.series.TagCondition;
import java.util.List;

/**
 * A series a statement reads, the shards that hold it (in time order), and whether its tags alone decide the WHERE
 * clause (TRUE: every row passes; UNKNOWN: field values must be checked row by row), and the index of the FROM source
 * it is read through (a measurement named twice in FROM makes two members of the same series).
 *
 * <p>Immutable; thread-safe.
 */
record Member(SeriesKey series, List<Long> shards, TagCondition.Result match, int source) {
    Member {
        shards = List.copyOf(shards);
    }

    /** The heap this member holds with its series key and shard list ({@link HeapEstimates}). */
    long estimatedBytes() {
        return HeapEstimates.object(3 * HeapEstimates.REFERENCE + 4) + series.estimatedBytes()
                + HeapEstimates.object(HeapEstimates.REFERENCE) + HeapEstimates.array(shards.size())
                + shards.size() * HeapEstimates.BOXED_NUMBER;
    }
}
