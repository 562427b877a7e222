package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code (expr)}, kept in the tree so that printing preserves the grouping. */
public record ParenExpr(Expr expr) implements Expr {
    public ParenExpr {
        Objects.requireNonNull(expr);
    }

    @Override
    public String toString() {
        return "(" + expr + ")";
    }
}
