package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code DROP SUBSCRIPTION name ON db.rp}. */
public record DropSubscriptionStatement(String name, String database, String retentionPolicy) implements Statement {
    public DropSubscriptionStatement {
        Objects.requireNonNull(name);
        Objects.requireNonNull(database);
        Objects.requireNonNull(retentionPolicy);
    }

    @Override
    public String toString() {
        return "DROP SUBSCRIPTION " + InfluxQuoting.quoteIdent(name) + " ON " + InfluxQuoting.quoteIdent(database) + "."
                + InfluxQuoting.quoteIdent(retentionPolicy);
    }
}
