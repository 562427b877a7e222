package io.tidemark.influxql.ast;

/** {@code true} or {@code false}. */
public record BooleanLiteral(boolean value) implements Expr {
    @Override
    public String toString() {
        return Boolean.toString(value);
    }
}
