package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code DROP USER name}. */
public record DropUserStatement(String name) implements Statement {
    public DropUserStatement {
        Objects.requireNonNull(name);
    }

    @Override
    public String toString() {
        return "DROP USER " + InfluxQuoting.quoteIdent(name);
    }
}
