package io.tidemark.query.expr;

/** A regular expression Java cannot compile (the parser accepted it as Go RE2). Immutable; thread-safe. */
public final class InvalidRegexException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidRegexException(String message, Throwable cause) {
        super(message, cause);
    }
}
