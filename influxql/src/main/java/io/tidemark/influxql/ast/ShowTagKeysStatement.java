package io.tidemark.influxql.ast;

import java.util.List;
import java.util.Objects;

/** {@code SHOW TAG KEYS [ON db] [FROM sources] [WHERE cond] [ORDER BY ..] [LIMIT n] [OFFSET n] [SLIMIT n] [SOFFSET n]}. */
public record ShowTagKeysStatement(String database, List<Source> sources, Expr condition, List<SortField> sortFields, long limit, long offset, long sLimit, long sOffset) implements Statement {
    public ShowTagKeysStatement {
        Objects.requireNonNull(database);
        sources = List.copyOf(sources);
        sortFields = List.copyOf(sortFields);
    }

    @Override
    public String toString() {
        return new Clauses("SHOW TAG KEYS").on(database).from(sources).where(condition).orderBy(sortFields)
                .positive("LIMIT", limit).positive("OFFSET", offset).positive("SLIMIT", sLimit)
                .positive("SOFFSET", sOffset).toString();
    }
}
