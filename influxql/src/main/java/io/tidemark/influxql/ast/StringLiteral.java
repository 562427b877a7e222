package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code 'text'}; also the form time literals take in a WHERE clause before the planner interprets them. */
public record StringLiteral(String value) implements Expr {
    public StringLiteral {
        Objects.requireNonNull(value);
    }

    @Override
    public String toString() {
        return InfluxQuoting.quoteString(value);
    }
}
