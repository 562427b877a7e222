package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;

/**
 * The order of values of each type, as bits the way the cache and TSM blocks keep them: floats by
 * {@link Double#compare} (so {@code -0.0 < 0.0} and NaN above everything: line protocol cannot write NaN, and a
 * total order keeps block statistics well defined), integers signed, unsigned integers unsigned, booleans false
 * before true; and how block sums add up. Shared by block statistics and the statistics a shard combines from its
 * sources, so that both order and add values the same way. Stateless.
 */
public final class TsmValues {
    private TsmValues() {
    }

    public static int compare(FieldType type, long a, long b) {
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
    public static long add(FieldType type, long sum, long value) {
        return switch (type) {
            case FLOAT -> Double.doubleToRawLongBits(Double.longBitsToDouble(sum) + Double.longBitsToDouble(value));
            case INTEGER, UNSIGNED, BOOLEAN -> sum + value;
            case STRING -> 0;
        };
    }

    /**
     * The smallest of {@code count >= 1} values from {@code from} in the order of {@link #compare}: the bits of the
     * first one that no other sorts before. One loop per type, so a block's statistics cost no per-value dispatch.
     */
    static long min(FieldType type, long[] values, int from, int count) {
        return extreme(type, values, from, count, false);
    }

    /** The largest of {@code count >= 1} values, as {@link #min}: the bits of the first one none sorts after. */
    static long max(FieldType type, long[] values, int from, int count) {
        return extreme(type, values, from, count, true);
    }

    private static long extreme(FieldType type, long[] values, int from, int count, boolean largest) {
        if (count < 1) {
            throw new IllegalArgumentException("no values: " + count);
        }
        return switch (type) {
            case INTEGER, BOOLEAN -> largest ? signedMax(values, from, count) : signedMin(values, from, count);
            case UNSIGNED -> largest ? unsignedMax(values, from, count) : unsignedMin(values, from, count);
            case FLOAT -> floatExtreme(values, from, count, largest);
            case STRING -> throw new IllegalArgumentException("string values have no statistics");
        };
    }

    private static long signedMin(long[] values, int from, int count) {
        long m = values[from];
        for (int i = from + 1, end = from + count; i < end; i++) {
            m = Math.min(m, values[i]);
        }
        return m;
    }

    private static long signedMax(long[] values, int from, int count) {
        long m = values[from];
        for (int i = from + 1, end = from + count; i < end; i++) {
            m = Math.max(m, values[i]);
        }
        return m;
    }

    // Flipping the sign bit maps the unsigned order onto the signed one.
    private static long unsignedMin(long[] values, int from, int count) {
        long m = values[from] ^ Long.MIN_VALUE;
        for (int i = from + 1, end = from + count; i < end; i++) {
            m = Math.min(m, values[i] ^ Long.MIN_VALUE);
        }
        return m ^ Long.MIN_VALUE;
    }

    private static long unsignedMax(long[] values, int from, int count) {
        long m = values[from] ^ Long.MIN_VALUE;
        for (int i = from + 1, end = from + count; i < end; i++) {
            m = Math.max(m, values[i] ^ Long.MIN_VALUE);
        }
        return m ^ Long.MIN_VALUE;
    }

    /**
     * Floats by {@link Double#compare}, through a signed key of the canonical bits (every NaN as the one NaN of
     * {@link Double#doubleToLongBits}, above +Infinity; -0.0 below 0.0). Values with equal keys are NaNs with other
     * payloads, or identical: the first one's bits are kept, as a comparison loop keeps them.
     */
    private static long floatExtreme(long[] values, int from, int count, boolean largest) {
        long bestBits = values[from];
        long bestKey = floatKey(bestBits);
        for (int i = from + 1, end = from + count; i < end; i++) {
            long v = values[i];
            long k = floatKey(v);
            if (largest ? k > bestKey : k < bestKey) {
                bestKey = k;
                bestBits = v;
            }
        }
        return bestBits;
    }

    private static long floatKey(long bits) {
        long canonical = Double.doubleToLongBits(Double.longBitsToDouble(bits));
        // Negative floats sort in reverse of their magnitude bits.
        return canonical ^ ((canonical >> 63) & Long.MAX_VALUE);
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
