package io.tidemark.influxql.ast;

/** A signed 64-bit integer literal. */
public record IntegerLiteral(long value) implements Expr {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
