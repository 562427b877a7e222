package io.tidemark.influxql.ast;

import java.util.List;

/** {@code DROP SERIES [FROM sources] [WHERE condition]} (at least one clause); condition is null when absent. */
public record DropSeriesStatement(List<Source> sources, Expr condition) implements Statement {
    public DropSeriesStatement {
        sources = List.copyOf(sources);
    }

    @Override
    public String toString() {
        return new Clauses("DROP SERIES").from(sources).where(condition).toString();
    }
}
