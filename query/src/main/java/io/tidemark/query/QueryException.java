package io.tidemark.query;

/**
 * A statement that cannot be executed. {@link #getMessage()} is the text InfluxDB 1.8 puts in the statement's
 * {@code error} field, for example {@code database not found: x} or
 * {@code mixing aggregate and non-aggregate queries is not supported}.
 *
 * <p>Immutable; thread-safe.
 */
public final class QueryException extends Exception {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message, null, false, false);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
