package io.tidemark.influxql.ast;

import java.time.Duration;
import java.util.Objects;

import io.tidemark.common.GoDuration;

/**
 * {@code CREATE DATABASE name [WITH [DURATION d] [REPLICATION n] [SHARD DURATION d] [NAME rp]]}.
 *
 * @param name database name
 * @param retentionPolicyCreate true if a WITH clause was given
 * @param retentionPolicyDuration RP duration, null if not given; {@link Duration#ZERO} means INF (infinite)
 * @param retentionPolicyReplication replication factor, null if not given
 * @param retentionPolicyShardGroupDuration shard group duration; {@link Duration#ZERO} if not given
 * @param retentionPolicyName RP name, "" if not given
 */
public record CreateDatabaseStatement(String name, boolean retentionPolicyCreate, Duration retentionPolicyDuration,
        Integer retentionPolicyReplication, Duration retentionPolicyShardGroupDuration, String retentionPolicyName)
        implements Statement {
    public CreateDatabaseStatement {
        Objects.requireNonNull(name);
        Objects.requireNonNull(retentionPolicyShardGroupDuration);
        Objects.requireNonNull(retentionPolicyName);
    }

    public static CreateDatabaseStatement named(String name) {
        return new CreateDatabaseStatement(name, false, null, null, Duration.ZERO, "");
    }

    /** Durations print in Go's {@code time.Duration} form ({@code 72h0m0s}), as InfluxDB does here. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CREATE DATABASE ").append(InfluxQuoting.quoteIdent(name));
        if (retentionPolicyCreate) {
            sb.append(" WITH");
            if (retentionPolicyDuration != null) {
                sb.append(" DURATION ").append(GoDuration.format(retentionPolicyDuration));
            }
            if (retentionPolicyReplication != null) {
                sb.append(" REPLICATION ").append(retentionPolicyReplication);
            }
            if (retentionPolicyShardGroupDuration.isPositive()) {
                sb.append(" SHARD DURATION ").append(GoDuration.format(retentionPolicyShardGroupDuration));
            }
            if (!retentionPolicyName.isEmpty()) {
                sb.append(" NAME ").append(InfluxQuoting.quoteIdent(retentionPolicyName));
            }
        }
        return sb.toString();
    }
}
