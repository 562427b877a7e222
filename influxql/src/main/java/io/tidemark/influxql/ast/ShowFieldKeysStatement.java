package io.tidemark.influxql.ast;

import java.util.List;
import java.util.Objects;

/** {@code SHOW FIELD KEYS [ON db] [FROM sources] [ORDER BY ..] [LIMIT n] [OFFSET n]}. */
public record ShowFieldKeysStatement(String database, List<Source> sources, List<SortField> sortFields, long limit, long offset) implements Statement {
    public ShowFieldKeysStatement {
        Objects.requireNonNull(database);
        sources = List.copyOf(sources);
        sortFields = List.copyOf(sortFields);
    }

    @Override
    public String toString() {
        return new Clauses("SHOW FIELD KEYS").on(database).from(sources).orderBy(sortFields)
                .positive("LIMIT", limit).positive("OFFSET", offset).toString();
    }
}
