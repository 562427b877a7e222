package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code REVOKE ALL [PRIVILEGES] FROM user} (cluster admin). */
public record RevokeAdminStatement(String user) implements Statement {
    public RevokeAdminStatement {
        Objects.requireNonNull(user);
    }

    @Override
    public String toString() {
        return "REVOKE ALL PRIVILEGES FROM " + InfluxQuoting.quoteIdent(user);
    }
}
