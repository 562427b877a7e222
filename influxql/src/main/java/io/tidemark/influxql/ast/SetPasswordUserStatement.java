package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code SET PASSWORD FOR name = 'pw'}; prints the password as [REDACTED]. */
public record SetPasswordUserStatement(String name, String password) implements Statement {
    public SetPasswordUserStatement {
        Objects.requireNonNull(name);
        Objects.requireNonNull(password);
    }

    @Override
    public String toString() {
        return "SET PASSWORD FOR " + InfluxQuoting.quoteIdent(name) + " = [REDACTED]";
    }
}
