package io.tidemark.server.write;

import java.time.Duration;

/**
 * @param writeTimeout      how long a write may wait for metadata changes (new shard groups) and the WAL
 * @param allowUnsigned     accept {@code 1u} unsigned integers in line protocol
 * @param maxSeriesKeyBytes longest series key accepted (InfluxDB: 65535)
 */
public record WriteLimits(Duration writeTimeout, boolean allowUnsigned, int maxSeriesKeyBytes) {
}
