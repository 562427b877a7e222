package io.tidemark.query;

import java.util.Objects;

/**
 * Where and how one statement runs.
 *
 * <p>Immutable; thread-safe.
 *
 * @param statementId the statement's index in the request, copied into every result
 * @param database the request's {@code db} parameter, "" or null when absent
 * @param retentionPolicy the request's {@code rp} parameter, "" or null when absent
 * @param chunked whether the client asked for a chunked response: results are then split every {@code chunkSize}
 *     rows of a series, and each piece is sent as its own partial result
 * @param chunkSize rows per chunk when {@code chunked}; 0 or less means InfluxDB's default of 10000
 */
public record QueryContext(int statementId, String database, String retentionPolicy, boolean chunked, int chunkSize) {
    /** InfluxDB's chunk size when the client gives none. */
    public static final int DEFAULT_CHUNK_SIZE = 10_000;

    public QueryContext {
        database = Objects.requireNonNullElse(database, "");
        retentionPolicy = Objects.requireNonNullElse(retentionPolicy, "");
    }

    /** Rows per chunk for a chunked response. */
    public int effectiveChunkSize() {
        return chunkSize > 0 ? chunkSize : DEFAULT_CHUNK_SIZE;
    }
}
