package io.tidemark.influxql.ast;

/** How {@code fill(...)} treats empty GROUP BY time buckets; NULL is the default when no fill is given. */
public enum FillOption {
    NULL,
    NONE,
    NUMBER,
    PREVIOUS,
    LINEAR
}
