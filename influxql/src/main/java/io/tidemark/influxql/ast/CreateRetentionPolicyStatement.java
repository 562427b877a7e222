package io.tidemark.influxql.ast;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code CREATE RETENTION POLICY name ON db DURATION d REPLICATION n [SHARD DURATION d] [DEFAULT]}.
 *
 * @param duration retention; {@link Duration#ZERO} means INF (keep forever)
 * @param replication replication factor, 1..2^31-1
 * @param shardGroupDuration {@link Duration#ZERO} if not given (the server picks a default)
 * @param isDefault true if DEFAULT was given
 */
public record CreateRetentionPolicyStatement(String name, String database, Duration duration, int replication,
        Duration shardGroupDuration, boolean isDefault) implements Statement {
    public CreateRetentionPolicyStatement {
        Objects.requireNonNull(name);
        Objects.requireNonNull(database);
        Objects.requireNonNull(duration);
        Objects.requireNonNull(shardGroupDuration);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CREATE RETENTION POLICY ").append(InfluxQuoting.quoteIdent(name))
                .append(" ON ").append(InfluxQuoting.quoteIdent(database))
                .append(" DURATION ").append(InfluxDurations.format(duration))
                .append(" REPLICATION ").append(replication);
        if (shardGroupDuration.isPositive()) {
            sb.append(" SHARD DURATION ").append(InfluxDurations.format(shardGroupDuration));
        }
        if (isDefault) {
            sb.append(" DEFAULT");
        }
        return sb.toString();
    }
}
