package io.tidemark.influxql.ast;


/** {@code DROP SHARD id}; {@code id} holds the unsigned 64-bit id bits. */
public record DropShardStatement(long id) implements Statement {

    @Override
    public String toString() {
        return "DROP SHARD " + Long.toUnsignedString(id);
    }
}
