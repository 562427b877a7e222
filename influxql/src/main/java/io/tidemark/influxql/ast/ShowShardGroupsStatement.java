package io.tidemark.influxql.ast;


/** {@code SHOW SHARD GROUPS}. */
public record ShowShardGroupsStatement() implements Statement {

    @Override
    public String toString() {
        return "SHOW SHARD GROUPS";
    }
}
