package io.tidemark.query.expr;

import io.tidemark.common.FieldType;
import io.tidemark.influxql.ast.DataType;

/**
 * InfluxQL's data-type rules: how a stored field type maps to a query type, which type wins when a name has
 * different types in different measurements or shards, and how types sort.
 *
 * <p>Stateless; thread-safe.
 */
public final class DataTypes {
    private DataTypes() {
    }

    public static DataType of(FieldType type) {
        return switch (type) {
            case FLOAT -> DataType.FLOAT;
            case INTEGER -> DataType.INTEGER;
            case UNSIGNED -> DataType.UNSIGNED;
            case STRING -> DataType.STRING;
            case BOOLEAN -> DataType.BOOLEAN;
        };
    }

    /** True for the types whose values are numbers. */
    public static boolean isNumeric(DataType type) {
        return type == DataType.FLOAT || type == DataType.INTEGER || type == DataType.UNSIGNED;
    }

    /** True for stored field types (as opposed to tags, unknown names and casts). */
    public static boolean isFieldType(DataType type) {
        return isNumeric(type) || type == DataType.STRING || type == DataType.BOOLEAN;
    }

    /** The position of the type in Go's {@code influxql.DataType} enumeration, which orders sorted references. */
    public static int goOrder(DataType type) {
        return switch (type) {
            case UNKNOWN -> 0;
            case FLOAT -> 1;
            case INTEGER -> 2;
            case STRING -> 3;
            case BOOLEAN -> 4;
            case TIME -> 5;
            case DURATION -> 6;
            case TAG -> 7;
            case ANY_FIELD -> 8;
            case UNSIGNED -> 9;
        };
    }

    /**
     * Go's {@code DataType.LessThan}: true when {@code other} takes precedence over {@code type}. Unknown has the
     * lowest precedence, then tags, then booleans, strings, unsigned, integers and floats.
     */
    public static boolean lessThan(DataType type, DataType other) {
        if (type == DataType.UNKNOWN) {
            return true;
        } else if (type == DataType.UNSIGNED) {
            return other != DataType.UNKNOWN && goOrder(other) <= goOrder(DataType.INTEGER);
        } else if (other == DataType.UNSIGNED) {
            return goOrder(type) >= goOrder(DataType.STRING);
        }
        return other != DataType.UNKNOWN && goOrder(other) < goOrder(type);
    }

    /** The type with the higher precedence. */
    public static DataType max(DataType a, DataType b) {
        return lessThan(a, b) ? b : a;
    }

    /** The query type of a value produced by evaluation, or UNKNOWN for null. */
    public static DataType ofValue(Object v) {
        return switch (v) {
            case Double d -> DataType.FLOAT;
            case Long l -> DataType.INTEGER;
            case String s -> DataType.STRING;
            case Boolean b -> DataType.BOOLEAN;
            case null, default -> DataType.UNKNOWN;
        };
    }

    /** The zero value of a type, used to infer the type of an expression by evaluating it. */
    public static Object zero(DataType type) {
        return switch (type) {
            case FLOAT -> 0.0;
            case INTEGER, UNSIGNED -> 0L;
            case STRING, TAG -> "";
            case BOOLEAN -> false;
            default -> null;
        };
    }
}
