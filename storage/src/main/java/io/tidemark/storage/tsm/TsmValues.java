package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;

/**
 * The order of values of each type, as bits the way the cache and TSM blocks keep them: floats by
 * {@link Double#compare} (so {@code -0.0 < 0.0} and NaN above everything: line protocol cannot write NaN, and a
 * total order keeps block statistics well defined), integers signed, unsigned integers unsigned, booleans false
 * before true; and how block sums add up. Stateless.
 */
final class TsmValues {
    private TsmValues() {
    }

    static int compare(FieldType type, long a, long b) {
        return switch (type) {
            case FLOAT -> Double.compare(Double.longBitsToDouble(a), Double.longBitsToDouble(b));
            case INTEGER, BOOLEAN -> Long.compare(a, b);
            case UNSIGNED -> Long.compareUnsigned(a, b);
            case STRING -> throw new IllegalArgumentException("string values have no statistics");
        };
    }

    /**
     * {@code sum + value} as block statistics add: floats as doubles, integers and unsigned integers wrapping at 64
     * bits (as InfluxDB's sum does: wrapping addition is associative, so block sums add up to the exact sum of their
     * values), booleans counting the trues; strings have no sum (0).
     */
    static long add(FieldType type, long sum, long value) {
        return switch (type) {
            case FLOAT -> Double.doubleToRawLongBits(Double.longBitsToDouble(sum) + Double.longBitsToDouble(value));
            case INTEGER, UNSIGNED, BOOLEAN -> sum + value;
            case STRING -> 0;
        };
    }

    /** The sum of {@code count} values from {@code from} as {@link #add} adds them, in order. */
    static long sum(FieldType type, long[] values, int from, int count) {
        if (type == FieldType.FLOAT) {
            double s = 0;
            for (int i = from; i < from + count; i++) {
                s += Double.longBitsToDouble(values[i]);
            }
            return Double.doubleToRawLongBits(s);
        }
        if (type == FieldType.STRING) {
            return 0;
        }
        long s = 0;
        for (int i = from; i < from + count; i++) {
            s += values[i];
        }
        return s;
    }
}
