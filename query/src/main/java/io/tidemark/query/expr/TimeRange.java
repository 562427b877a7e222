package io.tidemark.query.expr;

/**
 * The time bounds a WHERE clause sets, inclusive, in nanoseconds since the epoch. A bound that the clause does not
 * set is {@link #UNSET_MIN} / {@link #UNSET_MAX} until {@link #resolve} replaces it with InfluxDB's limits.
 *
 * <p>Immutable; thread-safe.
 *
 * @param min the lowest time included
 * @param max the highest time included
 */
public record TimeRange(long min, long max) {
    /** InfluxDB's lowest valid timestamp ({@code models.MinNanoTime}); one below it is a sentinel. */
    public static final long MIN_TIME = Long.MIN_VALUE + 2;
    /** InfluxDB's highest valid timestamp ({@code models.MaxNanoTime}). */
    public static final long MAX_TIME = Long.MAX_VALUE - 1;
    public static final long UNSET_MIN = Long.MIN_VALUE;
    public static final long UNSET_MAX = Long.MAX_VALUE;
    public static final TimeRange UNBOUNDED = new TimeRange(UNSET_MIN, UNSET_MAX);
    /** Every valid time. */
    public static final TimeRange ALL = new TimeRange(MIN_TIME, MAX_TIME);

    public boolean hasMin() {
        return min != UNSET_MIN;
    }

    public boolean hasMax() {
        return max != UNSET_MAX;
    }

    /** The range both ranges allow, as InfluxDB intersects even the two sides of an OR. */
    public TimeRange intersect(TimeRange other) {
        return new TimeRange(Math.max(min, other.min), Math.min(max, other.max));
    }

    /** Replaces unset bounds: the minimum by {@link #MIN_TIME}, the maximum by {@code defaultMax}. */
    public TimeRange resolve(long defaultMax) {
        return new TimeRange(hasMin() ? min : MIN_TIME, hasMax() ? max : defaultMax);
    }
}
