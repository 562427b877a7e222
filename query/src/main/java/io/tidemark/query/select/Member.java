package io.tidemark.query.select;

import io.tidemark.query.series.SeriesKey;
import io.tidemark.query.series.TagCondition;
import java.util.List;

/**
 * A series a statement reads, the shards that hold it (in time order), and whether its tags alone decide the WHERE
 * clause (TRUE: every row passes; UNKNOWN: field values must be checked row by row).
 *
 * <p>Immutable; thread-safe.
 */
record Member(SeriesKey series, List<Long> shards, TagCondition.Result match) {
    Member {
        shards = List.copyOf(shards);
    }
}
