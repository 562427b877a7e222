package io.tidemark.influxql.ast;

import java.util.List;
import java.util.Objects;

/** {@code SHOW SERIES [ON db] [FROM sources] [WHERE cond] [ORDER BY ..] [LIMIT n] [OFFSET n]}; "" / empty / null / 0 mean not given. */
public record ShowSeriesStatement(String database, List<Source> sources, Expr condition, List<SortField> sortFields, long limit, long offset) implements Statement {
    public ShowSeriesStatement {
        Objects.requireNonNull(database);
        sources = List.copyOf(sources);
        sortFields = List.copyOf(sortFields);
    }

    @Override
    public String toString() {
        return new Clauses("SHOW SERIES").on(database).from(sources).where(condition).orderBy(sortFields)
                .positive("LIMIT", limit).positive("OFFSET", offset).toString();
    }
}
