package io.tidemark.storage.shard;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.ForwardingSeriesCursor;
import io.tidemark.storage.api.ValueRange;
import io.tidemark.storage.tsm.CheckedCursor;
import java.util.function.Consumer;

/**
 * A read answered by one TSM file alone, nothing deleted from it: the file's cursor (ascending or descending) with no
 * merge in between. It reports a skipped damaged block once, as soon as the cursor has skipped it, as
 * {@link DescendingMergedCursor} does: a reader after the latest values may never exhaust the cursor. Not
 * thread-safe.
 */
final class CheckedFileCursor extends ForwardingSeriesCursor {
    private final CheckedCursor file;
    private final Consumer<CorruptionException> onDamage;
    private boolean reported;

    CheckedFileCursor(CheckedCursor file, Consumer<CorruptionException> onDamage) {
        super(file);
        this.file = file;
        this.onDamage = onDamage;
    }

    @Override
    public boolean next() {
        boolean more = file.next();
        reportDamageOnce();
        return more;
    }

    @Override
    public int nextBatch(long[] times, long[] values, int max) {
        int n = file.nextBatch(times, values, max);
        reportDamageOnce();
        return n;
    }

    @Override
    public int nextBatchIn(ValueRange range, long[] times, long[] values, int max) {
        int n = file.nextBatchIn(range, times, values, max);
        reportDamageOnce();
        return n;
    }

    @Override
    public int nextBatchFrom(long time, long[] times, long[] values, int max) {
        int n = file.nextBatchFrom(time, times, values, max);
        reportDamageOnce();
        return n;
    }

    private void reportDamageOnce() {
        if (!reported && file.failure() != null) {
            reported = true;
            onDamage.accept(file.failure());
        }
    }
}
