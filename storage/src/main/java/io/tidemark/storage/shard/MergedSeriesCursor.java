package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.tombstone.TimeRanges;
import io.tidemark.storage.tsm.TsmSeriesCursor;
import java.util.function.Consumer;

/**
 * One series field read from several sources (TSM files, then cache generations, oldest first), each sorted and
 * with one value per timestamp: merged by time, the newest source winning a timestamp several hold (InfluxDB's last
 * write wins), skipping what tombstones deleted from each source. A file cursor that stops at a damaged block is
 * reported once to {@code onDamage}; the merge goes on with what the other sources hold. Not thread-safe.
 */
final class MergedSeriesCursor extends MergingCursor {
    /** Per part: whether it has a current value not yet consumed. */
    private final boolean[] live;
    private boolean started;

    MergedSeriesCursor(SeriesCursor[] parts, long[][] deleted, FieldType type,
            Consumer<CorruptionException> onDamage) {
        super(parts, deleted, type, onDamage);
        this.live = new boolean[parts.length];
    }

    @Override
    public boolean next() {
        if (!started) {
            started = true;
            for (int i = 0; i < parts.length; i++) {
                advance(i);
            }
        } else if (current >= 0) {
            long t = times[current];
            // Every part at the consumed timestamp moves on: the older ones were overwritten.
            for (int i = 0; i < parts.length; i++) {
                if (live[i] && times[i] == t) {
                    advance(i);
                }
            }
        }
        int best = -1;
        for (int i = 0; i < parts.length; i++) {
            // ">=" on ties keeps the later (newer) part.
            if (live[i] && (best < 0 || times[i] <= times[best])) {
                best = i;
            }
        }
        current = best;
        return best >= 0;
    }

    private void advance(int i) {
        SeriesCursor c = parts[i];
        long[] gone = deleted[i];
        while (c.next()) {
            long t = c.timestamp();
            if (gone == null || !TimeRanges.covers(gone, t)) {
                live[i] = true;
                times[i] = t;
                return;
            }
        }
        live[i] = false;
        if (c instanceof TsmSeriesCursor tsm && tsm.failure() != null) {
            onDamage.accept(tsm.failure());
        }
    }
}
