package io.tidemark.query.agg;

import io.tidemark.query.series.SeriesKey;
import java.util.List;

/**
 * Reduces the points of one bucket of one group to the points an aggregate or selector outputs. Points arrive in
 * the statement's time order. Values are {@link Long}, {@link Double}, {@link String} or {@link Boolean}, never
 * null.
 *
 * <p>A reducer reports the heap it holds, as estimated by {@link io.tidemark.query.memory.HeapEstimates}, so that
 * its owner can charge it to the statement's memory account: {@link #fixedBytes} once, and what each {@link #add}
 * changes.
 *
 * <p>Not thread-safe; one per bucket.
 */
public interface Reducer {
    /**
     * @param aux the auxiliary values at this point (kept by selectors), null when the statement has none
     * @param series the series the point belongs to
     * @return the estimated bytes by which what the reducer holds grew with this point (negative if it shrank;
     *     0 for reducers of constant size)
     */
    long add(long time, Object value, Object[] aux, SeriesKey series);

    /**
     * Adds {@code n} points known only by their number (from storage statistics), for a reducer whose output depends
     * on nothing else: {@code count()}. The others need the values and throw {@link UnsupportedOperationException}.
     */
    default void addCounted(long n) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs the points' values");
    }

    /** The estimated bytes of the reducer before its first point: the object and the empty structures it owns. */
    long fixedBytes();

    /**
     * Adds {@code n} points known only by the sum of their values (from storage statistics), for a reducer whose
     * output depends on nothing else: {@code sum()} and {@code mean()}. {@code sum} is a {@link Double} for float
     * values, a {@link Long} (wrapped at 64 bits) for integers. The others throw {@link UnsupportedOperationException}.
     */
    default void addSummed(Object sum, long n) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs the points' values");
    }

    /**
     * Adds points known only by their values, in order: for a reducer whose output depends on nothing else,
     * {@code sum()} and {@code mean()}, as {@link #add} of each would (the same additions in the same order).
     */
    default void addDoubles(double[] values, int n) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs the points themselves");
    }

    /** {@link #addDoubles} for integer values. */
    default void addLongs(long[] values, int n) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs the points themselves");
    }

    /** The output points; {@link AggPoint#ZERO_TIME} times mean the bucket's start. */
    List<AggPoint> emit();
}
