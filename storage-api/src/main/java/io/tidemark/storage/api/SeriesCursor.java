package io.tidemark.storage.api;

import io.tidemark.common.FieldType;

/**
 * The values of one field of one series in time order (ascending, or descending for
 * {@link ShardReader#readDescending}), one value per timestamp. Follows the Prometheus
 * iterator contract: accessors are undefined before the first {@link #next()} and after it returned false; only the
 * accessor matching {@link #type()} is defined. Not thread-safe.
 */
public interface SeriesCursor {

    /** Advances to the next value; false when there is none. */
    boolean next();

    /** The timestamp of the current value, in nanoseconds since the epoch. */
    long timestamp();

    /** The type of every value of this cursor. */
    FieldType type();

    double floatValue();

    /** The value of an integer field, or the 64 bits of an unsigned one. */
    long longValue();

    boolean booleanValue();

    String stringValue();

    /**
     * Advances over up to {@code max} values at once and copies them out: their timestamps into {@code times} and
     * their values into {@code values} (a float's raw bits, an integer or the 64 bits of an unsigned), from index
     * 0; returns how many, 0 when there are none left. The accessors are undefined afterwards; the next
     * {@link #next()} or {@code nextBatch} continues after the last value copied, so the two can be mixed. For
     * float, integer and unsigned cursors only: readers that fold many values (aggregates) use it to run over
     * arrays instead of calling the accessors once per value. Cursors over decoded blocks override it to copy whole
     * runs of a block.
     */
    default int nextBatch(long[] times, long[] values, int max) {
        boolean floats = type() == FieldType.FLOAT;
        int n = 0;
        while (n < max && next()) {
            times[n] = timestamp();
            values[n] = floats ? Double.doubleToRawLongBits(floatValue()) : longValue();
            n++;
        }
        return n;
    }

    /**
     * {@link #nextBatch}, but a cursor over blocks with statistics may skip, undecoded, blocks none of whose values
     * lies in {@code range}: for a reader that drops every value outside it anyway (a condition such as
     * {@code usage_user > 90}). Values outside the range may still be copied (from blocks that also hold values
     * inside, or from memory), so the reader still tests each. For ascending float and integer cursors; this default
     * skips nothing.
     */
    default int nextBatchIn(ValueRange range, long[] times, long[] values, int max) {
        return nextBatch(times, values, max);
    }

    /**
     * {@link #nextBatch} after skipping every value before {@code time}: the first value copied is the first after
     * the current one at or after {@code time}. For ascending float, integer and unsigned cursors: a reader that
     * needs the values at a few known times (the other fields of the rows a condition kept) jumps to them. This
     * default steps over the values and copies one; cursors over blocks override it to skip whole blocks, by the
     * time ranges of their index, without decoding them.
     */
    default int nextBatchFrom(long time, long[] times, long[] values, int max) {
        if (max <= 0) {
            return 0;
        }
        while (next()) {
            if (timestamp() >= time) {
                times[0] = timestamp();
                values[0] = type() == FieldType.FLOAT ? Double.doubleToRawLongBits(floatValue()) : longValue();
                return 1;
            }
        }
        return 0;
    }
}
