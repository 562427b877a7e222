package io.tidemark.influxql.ast;


/** {@code SHOW CONTINUOUS QUERIES}. */
public record ShowContinuousQueriesStatement() implements Statement {

    @Override
    public String toString() {
        return "SHOW CONTINUOUS QUERIES";
    }
}
