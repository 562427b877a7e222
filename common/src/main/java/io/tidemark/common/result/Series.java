package io.tidemark.common.result;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One series of a statement's result, in the shape of InfluxDB's JSON: a name (may be null for SHOW statements
 * that have none), tags (empty when not grouped), column names and rows. The value in the time column (index
 * {@code timeColumn}, -1 when there is none) is a {@code Long} of nanoseconds since the epoch; the response writer
 * formats it for the request's {@code epoch}, in {@code zone} (the statement's {@code tz()}, null for UTC). Other
 * values are {@code Long}, {@code Double}, {@code String}, {@code Boolean} or null.
 */
public record Series(String name, Map<String, String> tags, List<String> columns, List<List<Object>> values,
                     boolean partial, ZoneId zone, int timeColumn) {
    public Series {
        tags = tags == null ? Map.of() : tags;
        columns = List.copyOf(columns);
        if (timeColumn < -1 || timeColumn >= columns.size()) {
            throw new IllegalArgumentException("time column " + timeColumn + " out of " + columns);
        }
    }

    /** A series whose time column, if any, is named {@code time}, printed in UTC. */
    public Series(String name, Map<String, String> tags, List<String> columns, List<List<Object>> values,
                  boolean partial) {
        this(name, tags, columns, values, partial, null, columns.indexOf("time"));
    }

    public static Series of(String name, List<String> columns, List<List<Object>> values) {
        return new Series(name, Map.of(), columns, values, false);
    }
}
