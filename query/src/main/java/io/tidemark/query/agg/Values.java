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

    /** A NaN float cannot be sent in JSON; InfluxDB sends null instead. */
    public static Object nanToNull(Object v) {
        return v instanceof Double d && d.isNaN() ? null : v;
    }
}
