package io.tidemark.influxql.ast;

import java.util.Objects;

/** The keyword form {@code DISTINCT field} (as opposed to the call {@code distinct(field)}). */
public record Distinct(String name) implements Expr {
    public Distinct {
        Objects.requireNonNull(name);
    }

    @Override
    public String toString() {
        return "DISTINCT " + InfluxQuoting.quoteIdent(name);
    }
}
