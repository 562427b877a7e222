package io.tidemark.influxql.ast;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code ALTER RETENTION POLICY name ON db [DURATION d] [REPLICATION n] [SHARD DURATION d] [DEFAULT]} (at least one
 * option). {@code ALTER RETENTION POLICY DEFAULT ON db ...} names the policy "default".
 *
 * @param duration null if not given; {@link Duration#ZERO} means INF
 * @param replication null if not given
 * @param shardGroupDuration null if not given
 */
public record AlterRetentionPolicyStatement(String name, String database, Duration duration, Integer replication,
        Duration shardGroupDuration, boolean isDefault) implements Statement {
    public AlterRetentionPolicyStatement {
        Objects.requireNonNull(name);
        Objects.requireNonNull(database);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ALTER RETENTION POLICY ").append(InfluxQuoting.quoteIdent(name))
                .append(" ON ").append(InfluxQuoting.quoteIdent(database));
        if (duration != null) {
            sb.append(" DURATION ").append(InfluxDurations.format(duration));
        }
        if (replication != null) {
            sb.append(" REPLICATION ").append(replication);
        }
        if (shardGroupDuration != null) {
            sb.append(" SHARD DURATION ").append(InfluxDurations.format(shardGroupDuration));
        }
        if (isDefault) {
            sb.append(" DEFAULT");
        }
        return sb.toString();
    }
}
