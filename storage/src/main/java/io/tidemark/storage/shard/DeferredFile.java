package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.tsm.TsmReader;

/**
 * A TSM file a latest-first read of one series field has not searched yet; its bound is the file's latest time.
 * Values of another type (a measurement dropped since, whose tombstone hides them until compaction) count as none.
 */
record DeferredFile(TsmReader reader, byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos,
        FieldType type) implements DeferredSource {
    @Override
    public long maxTimeBound() {
        return Math.min(reader.maxTimeNanos(), maxTimeNanos);
    }

    @Override
    public SeriesCursor open() {
        SeriesCursor c = reader.readDescendingIfPresent(seriesKey, field, minTimeNanos, maxTimeNanos);
        return c != null && c.type() == type ? c : null;
    }
}
