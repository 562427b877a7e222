package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code DROP CONTINUOUS QUERY name ON db}. */
public record DropContinuousQueryStatement(String name, String database) implements Statement {
    public DropContinuousQueryStatement {
        Objects.requireNonNull(name);
        Objects.requireNonNull(database);
    }

    @Override
    public String toString() {
        return "DROP CONTINUOUS QUERY " + InfluxQuoting.quoteIdent(name) + " ON " + InfluxQuoting.quoteIdent(database);
    }
}
