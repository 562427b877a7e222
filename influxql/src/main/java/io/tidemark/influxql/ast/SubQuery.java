package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code (SELECT ...)} used as a source. */
public record SubQuery(SelectStatement statement) implements Source {
    public SubQuery {
        Objects.requireNonNull(statement);
    }

    @Override
    public String toString() {
        return "(" + statement + ")";
    }
}
