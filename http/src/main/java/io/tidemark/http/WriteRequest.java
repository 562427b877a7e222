package io.tidemark.http;

/**
 * A {@code /write} request as the HTTP layer received it: the parameters unvalidated, the body already
 * decompressed and within {@code max-body-size}.
 */
public record WriteRequest(String database, String retentionPolicy, String precision, String consistency,
                           byte[] body, Credentials credentials) {
}
