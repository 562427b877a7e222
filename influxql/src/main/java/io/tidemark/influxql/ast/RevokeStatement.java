package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code REVOKE READ|WRITE|ALL [PRIVILEGES] ON db FROM user}. */
public record RevokeStatement(Privilege privilege, String database, String user) implements Statement {
    public RevokeStatement {
        Objects.requireNonNull(privilege);
        Objects.requireNonNull(database);
        Objects.requireNonNull(user);
    }

    @Override
    public String toString() {
        return "REVOKE " + privilege.text() + " ON " + InfluxQuoting.quoteIdent(database) + " FROM "
                + InfluxQuoting.quoteIdent(user);
    }
}
