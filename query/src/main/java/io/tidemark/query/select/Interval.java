package io.tidemark.query.select;

/**
 * The {@code GROUP BY time(duration, offset)} interval, in nanoseconds. The offset keeps the sign InfluxDB gives it
 * ({@code offset % duration}, truncated toward zero).
 *
 * <p>Immutable; thread-safe.
 */
public record Interval(long duration, long offset) {
    public Interval {
        if (duration <= 0) {
            throw new IllegalArgumentException("interval duration must be positive: " + duration);
        }
    }
}
