package io.tidemark.http;

/** A query that fails as a whole, with the HTTP status and InfluxDB's message (e.g. 400 "error parsing query: ..."). */
public final class QueryRejectedException extends Exception {
    private final int status;

    public QueryRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
