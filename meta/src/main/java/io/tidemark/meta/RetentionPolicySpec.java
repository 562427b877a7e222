package io.tidemark.meta;

import java.time.Duration;

/**
 * What a user asks for when creating a retention policy. {@code duration} ZERO means infinite;
 * {@code shardGroupDuration} ZERO means "choose as InfluxDB does".
 */
public record RetentionPolicySpec(String name, Duration duration, Duration shardGroupDuration, int replicaN) {
    public static RetentionPolicySpec autogen() {
        return new RetentionPolicySpec("autogen", Duration.ZERO, Duration.ZERO, 1);
    }
}
