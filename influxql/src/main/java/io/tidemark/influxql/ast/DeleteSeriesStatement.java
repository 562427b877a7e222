package io.tidemark.influxql.ast;

import java.util.List;

/** {@code DELETE [FROM sources] [WHERE condition]} (at least one clause); condition is null when absent. */
public record DeleteSeriesStatement(List<Source> sources, Expr condition) implements Statement {
    public DeleteSeriesStatement {
        sources = List.copyOf(sources);
    }

    @Override
    public String toString() {
        return new Clauses("DELETE").from(sources).where(condition).toString();
    }
}
