package io.tidemark.influxql.ast;

import java.util.List;

/**
 * A parsed query: the statements of one request in order. {@link #toString()} prints them joined by {@code ;\n}.
 *
 * <p>Immutable; thread-safe.
 */
public record Query(List<Statement> statements) {
    public Query {
        statements = List.copyOf(statements);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Statement s : statements) {
            if (!sb.isEmpty()) {
                sb.append(";\n");
            }
            sb.append(s);
        }
        return sb.toString();
    }
}
