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
 * reported once to {@code onDamage}; the merge goes on with what the other sources hold.
 *
 * <p>A {@link DeferredSource} (a file whose index was not searched yet) is opened, and a source started (its first
 * block decoded), only once its time range could hold a value that comes before or ties the best value the started
 * sources offer. So a read of the earliest values of a series whose files hold successive time ranges searches and
 * decodes the oldest file alone, and a query that merges many series holds one decoded block per series field
 * rather than one per file. Not thread-safe.
 */
final class MergedSeriesCursor extends MergingCursor {
    private static final byte WAITING = 0;
    private static final byte LIVE = 1;
    private static final byte DONE = 2;

    /** Per part: the earliest time it can serve while {@link #WAITING}; unused afterwards. */
    private final long[] bounds;
    /** Per part: {@link #WAITING} (not started), {@link #LIVE} (a current value not yet consumed) or {@link #DONE}. */
    private final byte[] states;
    /** Per part: the source to open before it can start, whose {@code parts} entry is null until then; or null. */
    private final DeferredSource[] deferred;
    /** Whether a value was served: then every source skips times at or before {@link #served}. */
    private boolean any;
    private long served;

    /**
     * @param parts the sources, oldest first; null where {@code deferred} holds the source instead
     * @param deferred per part, the source to open when it is needed, or null; or null for none
     */
    MergedSeriesCursor(SeriesCursor[] parts, DeferredSource[] deferred, long[][] deleted, FieldType type,
            Consumer<CorruptionException> onDamage) {
        super(parts, deleted, type, onDamage);
        this.bounds = new long[parts.length];
        this.states = new byte[parts.length];
        this.deferred = deferred != null ? deferred : new DeferredSource[parts.length];
        for (int i = 0; i < parts.length; i++) {
            // Sources given open (cache generations, in memory already) start at once.
            bounds[i] = this.deferred[i] != null ? this.deferred[i].timeBound() : Long.MIN_VALUE;
        }
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
                // "<=" on ties keeps the later (newer) part.
                if (states[i] == LIVE && (best < 0 || times[i] <= times[best])) {
                    best = i;
                }
            }
            // The waiting part that could serve the earliest time, if it could come before or tie the best.
            int start = -1;
            for (int i = 0; i < parts.length; i++) {
                if (states[i] == WAITING && (best < 0 || bounds[i] <= times[best])
                        && (start < 0 || bounds[i] < bounds[start])) {
                    start = i;
                }
            }
            if (start < 0) {
                current = best;
                return best >= 0;
            }
            if (deferred[start] != null) {
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
        } else {
            parts[i] = c;
        }
    }

    /** Moves part {@code i} to its next value that is neither deleted nor at or before one served. */
    private void advance(int i) {
        SeriesCursor c = parts[i];
        long[] gone = deleted[i];
        byte state = DONE;
        while (c.next()) {
            long t = c.timestamp();
            if ((!any || t > served) && (gone == null || !TimeRanges.covers(gone, t))) {
                times[i] = t;
                state = LIVE;
                break;
            }
        }
        states[i] = state;
        if (state == DONE && c instanceof TsmSeriesCursor tsm && tsm.failure() != null) {
            onDamage.accept(tsm.failure());
        }
    }
}
