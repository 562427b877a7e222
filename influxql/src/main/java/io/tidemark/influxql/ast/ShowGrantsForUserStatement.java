package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code SHOW GRANTS FOR user}. */
public record ShowGrantsForUserStatement(String name) implements Statement {
    public ShowGrantsForUserStatement {
        Objects.requireNonNull(name);
    }

    @Override
    public String toString() {
        return "SHOW GRANTS FOR " + InfluxQuoting.quoteIdent(name);
    }
}
