package io.tidemark.influxql.ast;

import java.time.Duration;
import java.util.Objects;

/** A duration such as {@code 10m} or {@code -1h}; printed in its largest exact unit ({@code 90m}, {@code 2w}). */
public record DurationLiteral(Duration value) implements Expr {
    public DurationLiteral {
        Objects.requireNonNull(value);
    }

    @Override
    public String toString() {
        return InfluxDurations.format(value);
    }
}
