package io.tidemark.influxql.ast;

import java.util.Objects;

/**
 * One ORDER BY item; InfluxQL only accepts {@code time} (or a bare ASC/DESC, where {@code name} is "").
 */
public record SortField(String name, boolean ascending) {
    public SortField {
        Objects.requireNonNull(name);
    }

    @Override
    public String toString() {
        return (name.isEmpty() ? "" : name + " ") + (ascending ? "ASC" : "DESC");
    }
}
