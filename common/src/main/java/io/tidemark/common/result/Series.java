package io.tidemark.common.result;

import java.util.List;
import java.util.Map;

/**
 * One series of a statement's result, in the shape of InfluxDB's JSON: a name (may be null for SHOW statements
 * that have none), tags (empty when not grouped), column names and rows. A value in a column named
 * {@code time} is a {@code Long} of nanoseconds since the epoch; the response writer formats it for the
 * request's {@code epoch}. Other values are {@code Long}, {@code Double}, {@code String}, {@code Boolean} or null.
 */
public record Series(String name, Map<String, String> tags, List<String> columns, List<List<Object>> values,
                     boolean partial) {
    public Series {
        tags = tags == null ? Map.of() : tags;
        columns = List.copyOf(columns);
    }

    public static Series of(String name, List<String> columns, List<List<Object>> values) {
        return new Series(name, Map.of(), columns, values, false);
    }
}
