package io.tidemark.influxql.ast;

import java.util.Objects;

/** One GROUP BY item: a tag ({@link VarRef}), {@code *}, a regex, or {@code time(interval[, offset])}. */
public record Dimension(Expr expr) {
    public Dimension {
        Objects.requireNonNull(expr);
    }

    @Override
    public String toString() {
        return expr.toString();
    }
}
