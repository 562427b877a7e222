package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code DROP RETENTION POLICY name ON db}. */
public record DropRetentionPolicyStatement(String name, String database) implements Statement {
    public DropRetentionPolicyStatement {
        Objects.requireNonNull(name);
        Objects.requireNonNull(database);
    }

    @Override
    public String toString() {
        return "DROP RETENTION POLICY " + InfluxQuoting.quoteIdent(name) + " ON " + InfluxQuoting.quoteIdent(database);
    }
}
