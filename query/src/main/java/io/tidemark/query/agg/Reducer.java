package io.tidemark.query.agg;

import io.tidemark.query.series.SeriesKey;
import java.util.List;

/**
 * Reduces the points of one bucket of one group to the points an aggregate or selector outputs. Points arrive in
 * the statement's time order. Values are {@link Long}, {@link Double}, {@link String} or {@link Boolean}, never
 * null.
 *
 * <p>Not thread-safe; one per bucket.
 */
public interface Reducer {
    /**
     * @param aux the auxiliary values at this point (kept by selectors), null when the statement has none
     * @param series the series the point belongs to
     */
    void add(long time, Object value, Object[] aux, SeriesKey series);

    /**
     * Adds {@code n} points known only by their number (from storage statistics), for a reducer whose output depends
     * on nothing else: {@code count()}. The others need the values and throw {@link UnsupportedOperationException}.
     */
    default void addCounted(long n) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs the points' values");
    }

    /** The output points; {@link AggPoint#ZERO_TIME} times mean the bucket's start. */
    List<AggPoint> emit();
}
