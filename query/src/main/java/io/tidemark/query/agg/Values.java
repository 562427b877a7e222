package io.tidemark.query.agg;

import io.tidemark.influxql.ast.DataType;

/**
 * Comparisons and conversions of field values ({@link Long}, {@link Double}, {@link String}, {@link Boolean}) with
 * Go's semantics.
 *
 * <p>Stateless; thread-safe.
 */
public final class Values {
    private Values() {
    }

    /** {@code start} plus {@code values[0, n)}, added one by one in order (as many single adds would). */
    static double sum(double start, double[] values, int n) {
        double sum = start;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum;
    }

    /** {@link #sum(double, double[], int)} for integers, wrapping at 64 bits. */
    static long sum(long start, long[] values, int n) {
        long sum = start;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum;
    }

    /** Orders two values of the same type: numbers numerically, strings by code point, false before true. */
    @SuppressWarnings("unchecked")
    public static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        } else if (a instanceof Number x && b instanceof Number y) {
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            return dx < dy ? -1 : (dx > dy ? 1 : 0);
        } else if (a instanceof String x && b instanceof String y) {
            return io.tidemark.query.series.SeriesKeyParser.compareCodePoints(x, y);
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    public static double asDouble(Object v) {
        return ((Number) v).doubleValue();
    }

    /**
     * InfluxDB's {@code castToType}: converts a fill value to the column's type where a conversion exists, and
     * leaves it as it is otherwise.
     */
    public static Object castToType(Object v, DataType type) {
        return switch (type) {
            case FLOAT -> v instanceof Number n ? (Object) n.doubleValue() : v;
            case INTEGER, UNSIGNED -> v instanceof Number n ? (Object) n.longValue() : v;
            default -> v;
        };
    }

    /**
     * The value {@code fill(<number>)} gives an empty bucket of a call of the given type, as InfluxDB's fill iterator
     * converts it ({@code castToString}/{@code castToBoolean}): numbers become floats or integers, and a string or
     * boolean column gets its zero value ("" or false) since a number does not convert to it. Only empty buckets
     * get this; a value missing beside another call's point keeps the number ({@link #castToType}).
     */
    public static Object castFillValue(Object v, DataType type) {
        return switch (type) {
            case STRING -> v instanceof String ? v : "";
            case BOOLEAN -> v instanceof Boolean ? v : Boolean.FALSE;
            default -> castToType(v, type);
        };
    }

    /** A NaN float cannot be sent in JSON; InfluxDB sends null instead. */
    public static Object nanToNull(Object v) {
        return v instanceof Double d && d.isNaN() ? null : v;
    }
}
