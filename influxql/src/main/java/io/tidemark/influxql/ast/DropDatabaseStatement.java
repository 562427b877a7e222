package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code DROP DATABASE name}. */
public record DropDatabaseStatement(String name) implements Statement {
    public DropDatabaseStatement {
        Objects.requireNonNull(name);
    }

    @Override
    public String toString() {
        return "DROP DATABASE " + InfluxQuoting.quoteIdent(name);
    }
}
