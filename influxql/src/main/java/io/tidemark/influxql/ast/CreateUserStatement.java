package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code CREATE USER name WITH PASSWORD 'pw' [WITH ALL PRIVILEGES]}; prints the password as [REDACTED]. */
public record CreateUserStatement(String name, String password, boolean admin) implements Statement {
    public CreateUserStatement {
        Objects.requireNonNull(name);
        Objects.requireNonNull(password);
    }

    @Override
    public String toString() {
        return "CREATE USER " + InfluxQuoting.quoteIdent(name) + " WITH PASSWORD [REDACTED]"
                + (admin ? " WITH ALL PRIVILEGES" : "");
    }
}
