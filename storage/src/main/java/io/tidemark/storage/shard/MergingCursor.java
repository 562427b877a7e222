package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.tombstone.TimeRanges;
import io.tidemark.storage.tsm.CheckedCursor;
import java.util.function.Consumer;

/**
 * The merge of one series field's sources (TSM files, then cache generations, oldest first), each in the read's
 * time order and with one value per timestamp: by time, the newest source winning a timestamp several hold
 * (InfluxDB's last write wins), skipping what tombstones deleted from each source. Subclasses give the direction.
 *
 * <p>Sources are read lazily: a {@link DeferredSource} (a file whose index was not searched yet) is opened, and a
 * source started (its first value in the read's order found), only once its bound, a time that none of its values
 * comes before, says it could serve a value that comes before or ties the best value the started sources offer; a
 * source is advanced only when its value is consumed or overwritten. A source started late skips the timestamps
 * already served. A file cursor that skipped a damaged block is reported once to {@code onDamage} as soon as it did (a
 * reader after the first values may never exhaust it); the merge goes on with what the other sources hold.
 * Not thread-safe.
 */
abstract class MergingCursor implements SeriesCursor {
    private static final byte WAITING = 0;
    private static final byte LIVE = 1;
    private static final byte DONE = 2;

    /** The sources, oldest first; null while {@link #deferred} holds one. */
    private final SeriesCursor[] parts;
    private final long[][] deleted;
    private final Consumer<CorruptionException> onDamage;
    /** Per part: the time of its current value while {@link #LIVE}. */
    private final long[] times;
    /** Per part: while {@link #WAITING}, a time that none of its values comes before. */
    private final long[] bounds;
    /** Per part: {@link #WAITING} (not started), {@link #LIVE} (a current value not yet consumed) or {@link #DONE}. */
    private final byte[] states;
    /** Per part: the source to open before it can start, or null. */
    private final DeferredSource[] deferred;
    /** Per part: whether its damage was reported. */
    private final boolean[] reported;
    /** The part holding the current value, or -1. */
    private int current = -1;
    /** Whether a value was served: then every source skips times at or before {@link #served} in the read's order. */
    private boolean any;
    private long served;
    private final FieldType type;

    /**
     * @param parts the sources, oldest first; null where {@code deferred} holds the source instead
     * @param deferred per part, the source to open when it is needed, or null; or null for none
     */
    MergingCursor(SeriesCursor[] parts, DeferredSource[] deferred, long[][] deleted, FieldType type,
            Consumer<CorruptionException> onDamage) {
        this.parts = parts;
        this.deleted = deleted;
        this.type = type;
        this.onDamage = onDamage;
        this.times = new long[parts.length];
        this.bounds = new long[parts.length];
        this.states = new byte[parts.length];
        this.reported = new boolean[parts.length];
        this.deferred = deferred != null ? deferred : new DeferredSource[parts.length];
    }

    /** Whether time {@code a} comes before time {@code b} in the read's order. */
    abstract boolean before(long a, long b);

    /** The bound of a part given open. */
    abstract long startBound(SeriesCursor part);

    /** The bound of a part just opened from a deferred source whose bound was {@code sourceBound}. */
    abstract long openedBound(SeriesCursor part, long sourceBound);

    /** Sets each part's first bound; called by the subclass's constructor. */
    final void initBounds() {
        for (int i = 0; i < parts.length; i++) {
            bounds[i] = deferred[i] != null ? deferred[i].timeBound() : startBound(parts[i]);
        }
    }

    @Override
    public final boolean next() {
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
                // A tie keeps the later (newer) part.
                if (states[i] == LIVE && (best < 0 || !before(times[best], times[i]))) {
                    best = i;
                }
            }
            // The waiting part that could serve the first time, if it could come before or tie the best.
            int start = -1;
            for (int i = 0; i < parts.length; i++) {
                if (states[i] == WAITING && (best < 0 || !before(times[best], bounds[i]))
                        && (start < 0 || before(bounds[i], bounds[start]))) {
                    start = i;
                }
            }
            if (start < 0) {
                current = best;
                return best >= 0;
            }
            if (deferred[start] != null) {
                // Opened, the part waits again with its own bound, which may no longer win.
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
        bounds[i] = openedBound(c, bounds[i]);
    }

    /** Moves part {@code i} to its next value that is neither deleted nor at or before one served. */
    private void advance(int i) {
        SeriesCursor c = parts[i];
        long[] gone = deleted[i];
        byte state = DONE;
        while (c.next()) {
            long t = c.timestamp();
            if ((!any || before(served, t)) && (gone == null || !TimeRanges.covers(gone, t))) {
                times[i] = t;
                state = LIVE;
                break;
            }
        }
        states[i] = state;
        if (!reported[i] && c instanceof CheckedCursor file && file.failure() != null) {
            reported[i] = true;
            onDamage.accept(file.failure());
        }
    }

    @Override
    public final long timestamp() {
        return times[current];
    }

    @Override
    public final FieldType type() {
        return type;
    }

    @Override
    public final double floatValue() {
        return parts[current].floatValue();
    }

    @Override
    public final long longValue() {
        return parts[current].longValue();
    }

    @Override
    public final boolean booleanValue() {
        return parts[current].booleanValue();
    }

    @Override
    public final String stringValue() {
        return parts[current].stringValue();
    }
}
