package io.tidemark.influxql.ast;

/** {@code SHOW DATABASES}. */
public record ShowDatabasesStatement() implements Statement {
    @Override
    public String toString() {
        return "SHOW DATABASES";
    }
}
