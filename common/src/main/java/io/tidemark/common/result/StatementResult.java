package io.tidemark.common.result;

import java.util.List;

/**
 * The outcome of one statement of a query: either series (possibly none) and informational messages, or an
 * error in InfluxDB's words. {@code partial} marks a chunk that more chunks of the same statement follow.
 */
public record StatementResult(int statementId, List<Series> series, List<Message> messages, String error,
                              boolean partial) {
    public StatementResult {
        series = List.copyOf(series);
        messages = List.copyOf(messages);
    }

    public static StatementResult ok(int statementId) {
        return new StatementResult(statementId, List.of(), List.of(), null, false);
    }

    public static StatementResult of(int statementId, List<Series> series) {
        return new StatementResult(statementId, series, List.of(), null, false);
    }

    public static StatementResult error(int statementId, String error) {
        return new StatementResult(statementId, List.of(), List.of(), error, false);
    }

    /** An informational message attached to a result, e.g. the deprecation warning for writes through GET. */
    public record Message(String level, String text) {
    }
}
