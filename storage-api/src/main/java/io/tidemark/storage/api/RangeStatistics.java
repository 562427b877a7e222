package io.tidemark.storage.api;

import io.tidemark.common.FieldType;

/**
 * Count, first, last, min, max and (where known) sum of the values of one field of one series in a time range, as a
 * {@link ShardReader#read} of that range would give them, known without reading the values one by one (from block
 * statistics). Values are bits: the IEEE 754 bits of floats, the value of integers, the 64 bits of unsigned
 * integers, 0 or 1 for booleans. Min and max follow the order of the type: floats by {@link Double#compare} (so
 * {@code -0.0 < 0.0} and NaN above everything), integers signed, unsigned integers unsigned, false before true.
 * String fields have a count only ({@link #hasValues()} is false).
 *
 * <p>Immutable; thread-safe.
 *
 * @param type the type of the values (for an empty range: the field's type, or {@link FieldType#FLOAT} for a field
 *     the shard does not know)
 * @param count the number of values; the other components are 0 when it is 0
 * @param firstTimeNanos the time of the earliest value
 * @param firstBits the earliest value
 * @param lastTimeNanos the time of the latest value
 * @param lastBits the latest value
 * @param minBits the smallest value
 * @param maxBits the largest value
 * @param hasSum whether {@code sumBits} is known (storage written before sums were kept may not know it)
 * @param sumBits the sum of the values: for floats the bits of a double, added in an order of storage's choosing
 *     (it may differ from a sum in time order in the last bits); for integers and unsigned integers the exact sum
 *     wrapped at 64 bits, as InfluxDB's {@code sum()} wraps; for booleans the number of trues; 0 for strings
 */
public record RangeStatistics(FieldType type, long count, long firstTimeNanos, long firstBits, long lastTimeNanos,
        long lastBits, long minBits, long maxBits, boolean hasSum, long sumBits) {

    public RangeStatistics {
        if (type == null || count < 0 || (count > 0 && firstTimeNanos > lastTimeNanos)) {
            throw new IllegalArgumentException("bad range statistics: " + type + ", count " + count + ", "
                    + firstTimeNanos + ".." + lastTimeNanos);
        }
    }

    /** No value in the range. */
    public static RangeStatistics empty(FieldType type) {
        return new RangeStatistics(type, 0, 0, 0, 0, 0, 0, 0, true, 0);
    }

    /** Whether first, last, min and max are known: there are values, and they are not strings. */
    public boolean hasValues() {
        return count > 0 && type != FieldType.STRING;
    }

    /** The sum of float values; only for a float field with {@link #hasSum()}. */
    public double floatSum() {
        return Double.longBitsToDouble(sumBits);
    }
}
