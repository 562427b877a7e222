package io.tidemark.influxql.ast;

import java.util.List;
import java.util.Objects;

/** {@code SHOW SERIES [EXACT] CARDINALITY [ON db] [FROM sources] [WHERE cond] [GROUP BY ..] [LIMIT n] [OFFSET n]}; exact=false means estimated. */
public record ShowSeriesCardinalityStatement(String database, boolean exact, List<Source> sources, Expr condition, List<Dimension> dimensions, long limit, long offset) implements Statement {
    public ShowSeriesCardinalityStatement {
        Objects.requireNonNull(database);
        sources = List.copyOf(sources);
        dimensions = List.copyOf(dimensions);
    }

    @Override
    public String toString() {
        return new Clauses("SHOW SERIES " + (exact ? "EXACT " : "") + "CARDINALITY").on(database).from(sources)
                .where(condition).groupBy(dimensions).positive("LIMIT", limit).positive("OFFSET", offset)
                .toString();
    }
}
