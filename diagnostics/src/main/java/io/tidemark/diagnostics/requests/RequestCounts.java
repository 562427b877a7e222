package io.tidemark.diagnostics.requests;

/** Requests from one client during a {@code /debug/requests} collection. Immutable. */
public record RequestCounts(long writes, long queries) {
}
