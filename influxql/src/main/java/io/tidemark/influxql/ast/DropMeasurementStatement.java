package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code DROP MEASUREMENT name}. */
public record DropMeasurementStatement(String name) implements Statement {
    public DropMeasurementStatement {
        Objects.requireNonNull(name);
    }

    @Override
    public String toString() {
        return "DROP MEASUREMENT " + InfluxQuoting.quoteIdent(name);
    }
}
