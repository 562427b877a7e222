package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.tsm.TsmReader;

/**
 * A TSM file a read of one series field has not searched yet; its bound is the file's earliest time (its latest,
 * descending), within the range. Values of another type (a measurement dropped since, whose tombstone hides them
 * until compaction) count as none.
 */
record DeferredFile(TsmReader reader, byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos,
        FieldType type, boolean descending) implements DeferredSource {
    @Override
    public long timeBound() {
        return descending ? Math.min(reader.maxTimeNanos(), maxTimeNanos)
                : Math.max(reader.minTimeNanos(), minTimeNanos);
    }

    @Override
    public SeriesCursor open() {
        SeriesCursor c = descending ? reader.readDescendingIfPresent(seriesKey, field, minTimeNanos, maxTimeNanos)
                : reader.readIfPresent(seriesKey, field, minTimeNanos, maxTimeNanos);
        return c != null && c.type() == type ? c : null;
    }
}
