package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.SeriesCursor;
import java.util.function.Consumer;

/**
 * One series field read from several sources in ascending time order ({@link MergingCursor}). A file's bound is its
 * earliest time in the range: so a read of the earliest values of a series whose files hold successive time ranges
 * searches and decodes the oldest file alone, and a query that merges many series holds one decoded block per series
 * field rather than one per file. Not thread-safe.
 */
final class MergedSeriesCursor extends MergingCursor {
    MergedSeriesCursor(SeriesCursor[] parts, DeferredSource[] deferred, long[][] deleted, FieldType type,
            Consumer<CorruptionException> onDamage) {
        super(parts, deferred, deleted, type, onDamage);
        initBounds();
    }

    @Override
    boolean before(long a, long b) {
        return a < b;
    }

    @Override
    long startBound(SeriesCursor part) {
        // Cache generations are in memory already: they start at once.
        return Long.MIN_VALUE;
    }

    @Override
    long openedBound(SeriesCursor part, long sourceBound) {
        return sourceBound;
    }
}
