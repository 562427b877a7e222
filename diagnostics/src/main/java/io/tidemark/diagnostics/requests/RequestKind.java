package io.tidemark.diagnostics.requests;

/** The requests {@code /debug/requests} counts. */
public enum RequestKind {
    WRITE,
    QUERY
}
