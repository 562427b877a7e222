package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code EXPLAIN [ANALYZE] SELECT ...}. */
public record ExplainStatement(SelectStatement statement, boolean analyze) implements Statement {
    public ExplainStatement {
        Objects.requireNonNull(statement);
    }

    @Override
    public String toString() {
        return "EXPLAIN " + (analyze ? "ANALYZE " : "") + statement;
    }
}
