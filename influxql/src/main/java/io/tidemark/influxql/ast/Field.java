package io.tidemark.influxql.ast;

import java.util.Objects;

/**
 * One item of the SELECT list.
 *
 * @param alias the {@code AS} name, "" if none
 */
public record Field(Expr expr, String alias) {
    public Field {
        Objects.requireNonNull(expr);
        Objects.requireNonNull(alias);
    }

    public static Field of(Expr expr) {
        return new Field(expr, "");
    }

    @Override
    public String toString() {
        return alias.isEmpty() ? expr.toString() : expr + " AS " + InfluxQuoting.quoteIdent(alias);
    }
}
