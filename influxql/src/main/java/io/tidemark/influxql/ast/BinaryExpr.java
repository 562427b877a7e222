package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code lhs op rhs}; printed without parentheses (they are kept as {@link ParenExpr} nodes). */
public record BinaryExpr(Operator op, Expr lhs, Expr rhs) implements Expr {
    public BinaryExpr {
        Objects.requireNonNull(op);
        Objects.requireNonNull(lhs);
        Objects.requireNonNull(rhs);
    }

    @Override
    public String toString() {
        return lhs + " " + op.symbol() + " " + rhs;
    }
}
