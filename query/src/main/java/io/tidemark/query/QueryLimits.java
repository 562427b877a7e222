package io.tidemark.query;

/**
 * The {@code [coordinator]} limits on one SELECT, as in InfluxDB; 0 means unlimited.
 *
 * <p>Immutable; thread-safe.
 *
 * @param maxSelectPoint {@code max-select-point}: the most field values a statement may read from storage
 * @param maxSelectSeries {@code max-select-series}: the most series a statement may read
 * @param maxSelectBuckets {@code max-select-buckets}: the most {@code GROUP BY time()} buckets a statement may
 *     produce (checked only when the WHERE clause gives a lower time bound, as in InfluxDB)
 */
public record QueryLimits(long maxSelectPoint, long maxSelectSeries, long maxSelectBuckets) {
    public static final QueryLimits UNLIMITED = new QueryLimits(0, 0, 0);

    public QueryLimits {
        if (maxSelectPoint < 0 || maxSelectSeries < 0 || maxSelectBuckets < 0) {
            throw new IllegalArgumentException("query limits must not be negative");
        }
    }
}
