package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code GRANT ALL [PRIVILEGES] TO user} (cluster admin). */
public record GrantAdminStatement(String user) implements Statement {
    public GrantAdminStatement {
        Objects.requireNonNull(user);
    }

    @Override
    public String toString() {
        return "GRANT ALL PRIVILEGES TO " + InfluxQuoting.quoteIdent(user);
    }
}
