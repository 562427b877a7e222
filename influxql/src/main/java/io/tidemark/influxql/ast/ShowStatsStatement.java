package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code SHOW STATS [FOR 'module']}; module is "" when not given. */
public record ShowStatsStatement(String module) implements Statement {
    public ShowStatsStatement {
        Objects.requireNonNull(module);
    }

    @Override
    public String toString() {
        return module.isEmpty() ? "SHOW STATS" : "SHOW STATS FOR " + InfluxQuoting.quoteString(module);
    }
}
