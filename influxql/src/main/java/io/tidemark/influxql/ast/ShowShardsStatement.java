package io.tidemark.influxql.ast;


/** {@code SHOW SHARDS}. */
public record ShowShardsStatement() implements Statement {

    @Override
    public String toString() {
        return "SHOW SHARDS";
    }
}
