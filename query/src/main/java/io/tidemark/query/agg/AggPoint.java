package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;

/**
 * A point produced by an aggregate or selector.
 *
 * <p>Immutable and thread-safe as long as nobody modifies the aux array, which holders treat as read-only.
 *
 * @param time the point's own time (selectors), or {@link #ZERO_TIME} for "the start of its bucket"
 * @param value the value; null for a point that only marks an empty bucket
 * @param aux the values of the statement's auxiliary fields and tags at the selected point; null when none
 */
public record AggPoint(long time, Object value, Object[] aux) {
    /** InfluxDB's {@code ZeroTime}: the reducer leaves the time to the bucket. */
    public static final long ZERO_TIME = Long.MIN_VALUE;

    public AggPoint withTime(long t) {
        return new AggPoint(t, value, aux);
    }

    /** The heap this point holds with its value and aux values ({@link HeapEstimates}). */
    public long estimatedBytes() {
        return HeapEstimates.AGG_POINT + HeapEstimates.value(value) + HeapEstimates.values(aux);
    }
}
