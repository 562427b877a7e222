package io.tidemark.storage.shard;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.ForwardingSeriesCursor;
import io.tidemark.storage.tsm.TsmSeriesCursor;
import java.util.function.Consumer;

/**
 * A read answered by one TSM file alone, nothing deleted from it: the file's cursor with no merge in between, which
 * reports a skipped damaged block once it is exhausted, as {@link MergedSeriesCursor} does. Not thread-safe.
 */
final class CheckedFileCursor extends ForwardingSeriesCursor {
    private final TsmSeriesCursor file;
    private final Consumer<CorruptionException> onDamage;
    private boolean done;

    CheckedFileCursor(TsmSeriesCursor file, Consumer<CorruptionException> onDamage) {
        super(file);
        this.file = file;
        this.onDamage = onDamage;
    }

    @Override
    public boolean next() {
        if (file.next()) {
            return true;
        }
        reportDamageOnce();
        return false;
    }

    @Override
    public int nextBatch(long[] times, long[] values, int max) {
        int n = file.nextBatch(times, values, max);
        if (n == 0 && max > 0) {
            reportDamageOnce();
        }
        return n;
    }

    private void reportDamageOnce() {
        if (!done) {
            done = true;
            if (file.failure() != null) {
                onDamage.accept(file.failure());
            }
        }
    }
}
