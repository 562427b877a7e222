package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.tsm.TsmDescendingCursor;
import java.util.function.Consumer;

/**
 * One series field read latest first from several sources ({@link MergingCursor}), each latest first. A deferred
 * file's bound is its latest time in the range; once opened, the latest time its index allows
 * ({@link TsmDescendingCursor#maxTimeBound()}), so that a file is started (its last block in the range decoded) only
 * once its blocks could hold the next value. So reading the latest value of a series whose files hold successive time
 * ranges searches the index of the newest file alone and decodes none of its blocks (the last point of a block comes
 * from its index entry). Not thread-safe.
 */
final class DescendingMergedCursor extends MergingCursor {
    DescendingMergedCursor(SeriesCursor[] parts, DeferredSource[] deferred, long[][] deleted, FieldType type,
            Consumer<CorruptionException> onDamage) {
        super(parts, deferred, deleted, type, onDamage);
        initBounds();
    }

    @Override
    boolean before(long a, long b) {
        return a > b;
    }

    @Override
    long startBound(SeriesCursor part) {
        // Cache generations are in memory already: they start at once.
        return part instanceof TsmDescendingCursor tsm ? tsm.maxTimeBound() : Long.MAX_VALUE;
    }

    @Override
    long openedBound(SeriesCursor part, long sourceBound) {
        return startBound(part);
    }
}
