package io.tidemark.query;

/**
 * The {@code [coordinator]} limits on one SELECT, as in InfluxDB, and Tidemark's memory bound; 0 means unlimited.
 *
 * <p>Immutable; thread-safe.
 *
 * @param maxSelectPoint {@code max-select-point}: the most field values a statement may read from storage
 * @param maxSelectSeries {@code max-select-series}: the most series a statement may read
 * @param maxSelectBuckets {@code max-select-buckets}: the most {@code GROUP BY time()} buckets a statement may
 *     produce (checked only when the WHERE clause gives a lower time bound, as in InfluxDB)
 * @param maxQueryMemoryBytes {@code max-query-memory} (Tidemark's own): the most bytes, as estimated by
 *     {@link io.tidemark.query.memory.HeapEstimates}, a SELECT may hold at once in its buffers (see
 *     {@link io.tidemark.query.memory.MemoryAccount})
 */
public record QueryLimits(long maxSelectPoint, long maxSelectSeries, long maxSelectBuckets,
        long maxQueryMemoryBytes) {
    public static final QueryLimits UNLIMITED = new QueryLimits(0, 0, 0, 0);

    public QueryLimits {
        if (maxSelectPoint < 0 || maxSelectSeries < 0 || maxSelectBuckets < 0 || maxQueryMemoryBytes < 0) {
            throw new IllegalArgumentException("query limits must not be negative");
        }
    }

    /** InfluxDB's three limits, without a memory bound. */
    public QueryLimits(long maxSelectPoint, long maxSelectSeries, long maxSelectBuckets) {
        this(maxSelectPoint, maxSelectSeries, maxSelectBuckets, 0);
    }
}
