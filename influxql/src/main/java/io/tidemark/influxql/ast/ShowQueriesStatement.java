package io.tidemark.influxql.ast;


/** {@code SHOW QUERIES}. */
public record ShowQueriesStatement() implements Statement {

    @Override
    public String toString() {
        return "SHOW QUERIES";
    }
}
