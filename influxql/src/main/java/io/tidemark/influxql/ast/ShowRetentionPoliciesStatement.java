package io.tidemark.influxql.ast;

import java.util.Objects;

/**
 * {@code SHOW RETENTION POLICIES [ON db]}.
 *
 * @param database "" if not given (use the request's database)
 */
public record ShowRetentionPoliciesStatement(String database) implements Statement {
    public ShowRetentionPoliciesStatement {
        Objects.requireNonNull(database);
    }

    @Override
    public String toString() {
        return database.isEmpty() ? "SHOW RETENTION POLICIES"
                : "SHOW RETENTION POLICIES ON " + InfluxQuoting.quoteIdent(database);
    }
}
