package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code GRANT READ|WRITE|ALL [PRIVILEGES] ON db TO user}. */
public record GrantStatement(Privilege privilege, String database, String user) implements Statement {
    public GrantStatement {
        Objects.requireNonNull(privilege);
        Objects.requireNonNull(database);
        Objects.requireNonNull(user);
    }

    @Override
    public String toString() {
        return "GRANT " + privilege.text() + " ON " + InfluxQuoting.quoteIdent(database) + " TO "
                + InfluxQuoting.quoteIdent(user);
    }
}
