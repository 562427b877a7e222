package io.tidemark.influxql.ast;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Appends the clauses many statements share, in InfluxDB's printed form.
 *
 * <p>Not thread-safe; one per {@code toString()} call.
 */
final class Clauses {
    private final StringBuilder sb;

    Clauses(String head) {
        this.sb = new StringBuilder(head);
    }

    Clauses text(String s) {
        sb.append(s);
        return this;
    }

    Clauses on(String database) {
        if (!database.isEmpty()) {
            sb.append(" ON ").append(InfluxQuoting.quoteIdent(database));
        }
        return this;
    }

    Clauses from(List<Source> sources) {
        if (!sources.isEmpty()) {
            sb.append(" FROM ").append(join(sources));
        }
        return this;
    }

    Clauses where(Expr condition) {
        if (condition != null) {
            sb.append(" WHERE ").append(condition);
        }
        return this;
    }

    Clauses groupBy(List<Dimension> dimensions) {
        if (!dimensions.isEmpty()) {
            sb.append(" GROUP BY ").append(join(dimensions));
        }
        return this;
    }

    Clauses orderBy(List<SortField> sortFields) {
        if (!sortFields.isEmpty()) {
            sb.append(" ORDER BY ").append(join(sortFields));
        }
        return this;
    }

    /** {@code " KEYWORD n"} when n > 0. */
    Clauses positive(String keyword, long n) {
        if (n > 0) {
            sb.append(' ').append(keyword).append(' ').append(n);
        }
        return this;
    }

    static String join(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
