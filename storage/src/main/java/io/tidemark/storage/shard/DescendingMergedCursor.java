package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.tombstone.TimeRanges;
import io.tidemark.storage.tsm.TsmDescendingCursor;
import java.util.function.Consumer;

/**
 * One series field read latest first from several sources (TSM files, then cache generations, oldest first), each
 * latest first and with one value per timestamp: merged by descending time, the newest source winning a timestamp
 * several hold (InfluxDB's last write wins), skipping what tombstones deleted from each source. The mirror of
 * {@link MergedSeriesCursor}.
 *
 * <p>Sources are read lazily: a {@link DeferredSource} (a file whose index was not searched yet) is opened only once
 * its time range could hold a value that beats or ties the best value the started sources offer, a file is started
 * (its last block in the range decoded) only once the latest time its index allows
 * ({@link TsmDescendingCursor#maxTimeBound()}) could, and a source is advanced only when its value is consumed or
 * overwritten. So reading the latest value of a series whose files hold successive time ranges searches the index
 * of the newest file alone and decodes one of its blocks. A source started
 * late skips the timestamps already served, which newer sources overwrote. A file cursor that skipped a damaged
 * block is reported once to {@code onDamage} as soon as it did (a reader after the latest values may never exhaust
 * it); the merge goes on with what the other sources hold. Not thread-safe.
 */
final class DescendingMergedCursor extends MergingCursor {
    private static final byte WAITING = 0;
    private static final byte LIVE = 1;
    private static final byte DONE = 2;

    /** Per part: the latest time it can serve while {@link #WAITING}; unused afterwards. */
    private final long[] bounds;
    /** Per part: the source to open before it can start, whose {@code parts} entry is null until then; or null. */
    private final DeferredSource[] deferred;
    /** Per part: {@link #WAITING} (not started), {@link #LIVE} (a current value not yet consumed) or {@link #DONE}. */
    private final byte[] states;
    /** Per part: whether its damage was reported. */
    private final boolean[] reported;
    /** Whether a value was served: then every source skips times at or after {@link #served}. */
    private boolean any;
    private long served;

    /**
     * @param parts the sources, oldest first; null where {@code deferred} holds the source instead
     * @param deferred per part, the source to open when it is needed, or null; or null for none
     */
    DescendingMergedCursor(SeriesCursor[] parts, DeferredSource[] deferred, long[][] deleted, FieldType type,
            Consumer<CorruptionException> onDamage) {
        super(parts, deleted, type, onDamage);
        this.bounds = new long[parts.length];
        this.states = new byte[parts.length];
        this.reported = new boolean[parts.length];
        this.deferred = deferred != null ? deferred : new DeferredSource[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bounds[i] = this.deferred[i] != null ? this.deferred[i].timeBound() : boundOf(parts[i]);
        }
    }

    private static long boundOf(SeriesCursor part) {
        // Cache generations are in memory already: they start at once.
        return part instanceof TsmDescendingCursor tsm ? tsm.maxTimeBound() : Long.MAX_VALUE;
    }

    @Override
    public boolean next() {
        if (current >= 0) {
            long t = times[current];
            any = true;
            served = t;
            // Every live part at the consumed timestamp moves on: the older ones were overwritten.
            for (int i = 0; i < parts.length; i++) {
                if (states[i] == LIVE && times[i] == t) {
                    advance(i);
                }
            }
        }
        while (true) {
            int best = -1;
            for (int i = 0; i < parts.length; i++) {
                // ">=" on ties keeps the later (newer) part.
                if (states[i] == LIVE && (best < 0 || times[i] >= times[best])) {
                    best = i;
                }
            }
            // The waiting part that could serve the latest time, if it could beat or tie the best.
            int start = -1;
            for (int i = 0; i < parts.length; i++) {
                if (states[i] == WAITING && (best < 0 || bounds[i] >= times[best])
                        && (start < 0 || bounds[i] > bounds[start])) {
                    start = i;
                }
            }
            if (start < 0) {
                current = best;
                return best >= 0;
            }
            if (deferred[start] != null) {
                // Opened, the part waits again with the bound of its own blocks, which may no longer win.
                open(start);
            } else {
                advance(start);
            }
        }
    }

    private void open(int i) {
        SeriesCursor c = deferred[i].open();
        deferred[i] = null;
        if (c == null) {
            states[i] = DONE;
            return;
        }
        parts[i] = c;
        bounds[i] = boundOf(c);
    }

    /** Moves part {@code i} to its next value that is neither deleted nor at or after one served. */
    private void advance(int i) {
        SeriesCursor c = parts[i];
        long[] gone = deleted[i];
        byte state = DONE;
        while (c.next()) {
            long t = c.timestamp();
            if ((!any || t < served) && (gone == null || !TimeRanges.covers(gone, t))) {
                times[i] = t;
                state = LIVE;
                break;
            }
        }
        states[i] = state;
        if (!reported[i] && c instanceof TsmDescendingCursor tsm && tsm.failure() != null) {
            reported[i] = true;
            onDamage.accept(tsm.failure());
        }
    }
}
