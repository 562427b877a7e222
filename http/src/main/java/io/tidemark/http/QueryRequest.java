package io.tidemark.http;

import java.util.Map;

/**
 * A {@code /query} request: the InfluxQL text, the default database and retention policy, bind parameters
 * (already decoded from the {@code params} JSON) and whether the client asked for chunks.
 */
public record QueryRequest(String query, String database, String retentionPolicy, Map<String, Object> params,
                           boolean chunked, int chunkSize, Credentials credentials, boolean viaGet) {
}
