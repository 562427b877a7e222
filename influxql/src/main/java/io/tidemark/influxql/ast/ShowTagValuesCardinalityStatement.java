package io.tidemark.influxql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code SHOW TAG VALUES [EXACT] CARDINALITY [ON db] [FROM sources] WITH KEY ... [WHERE cond] [GROUP BY ..]
 * [LIMIT n] [OFFSET n]}; see {@link ShowTagValuesStatement} for {@code tagKey}.
 */
public record ShowTagValuesCardinalityStatement(String database, boolean exact, List<Source> sources, TagKeyMatch op,
        Expr tagKey, Expr condition, List<Dimension> dimensions, long limit, long offset) implements Statement {
    public ShowTagValuesCardinalityStatement {
        Objects.requireNonNull(database);
        sources = List.copyOf(sources);
        Objects.requireNonNull(op);
        Objects.requireNonNull(tagKey);
        dimensions = List.copyOf(dimensions);
    }

    @Override
    public String toString() {
        return new Clauses("SHOW TAG VALUES " + (exact ? "EXACT " : "") + "CARDINALITY").on(database).from(sources)
                .text(" WITH KEY ").text(op.text()).text(" ").text(op.operand(tagKey))
                .where(condition).groupBy(dimensions).positive("LIMIT", limit).positive("OFFSET", offset)
                .toString();
    }
}
