package io.tidemark.influxql;

import java.util.List;

/**
 * A query that InfluxQL 1.8 rejects while parsing. {@link #getMessage()} is exactly the text InfluxDB produces, for
 * example {@code found FROM, expected identifier, string, number, bool at line 1, char 8},
 * {@code invalid value 0: must be 1 <= n <= 2147483647 at line 1, char 67} or {@code unable to find time zone X};
 * the HTTP layer prefixes {@code error parsing query: }.
 *
 * <p>Immutable; thread-safe.
 */
public final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String found;
    private final List<String> expected;
    private final int line;
    private final int column;

    private ParseException(String message, String found, List<String> expected, int line, int column) {
        super(message, null, false, false);
        this.found = found;
        this.expected = expected;
        this.line = line;
        this.column = column;
    }

    /**
     * {@code found X, expected A, B at line L, char C}.
     *
     * @param line zero-based line
     * @param column zero-based code point offset in the line
     */
    public static ParseException unexpected(String found, List<String> expected, int line, int column) {
        String message = "found " + found + ", expected " + String.join(", ", expected)
                + " at line " + (line + 1) + ", char " + (column + 1);
        return new ParseException(message, found, List.copyOf(expected), line, column);
    }

    /** {@code <message> at line L, char C}; zero-based position. */
    public static ParseException at(String message, int line, int column) {
        return new ParseException(message + " at line " + (line + 1) + ", char " + (column + 1), null, List.of(),
                line, column);
    }

    /** An error InfluxDB reports without a position, such as {@code unable to find time zone X}. */
    public static ParseException of(String message) {
        return new ParseException(message, null, List.of(), -1, -1);
    }

    /** The offending token's text for "found X, expected Y" errors, else null. */
    public String found() {
        return found;
    }

    /** The expected alternatives for "found X, expected Y" errors, else empty. */
    public List<String> expected() {
        return expected;
    }

    /** One-based line of the error, or -1 if the message carries no position. */
    public int line() {
        return line < 0 ? -1 : line + 1;
    }

    /** One-based character (code point) of the error in its line, or -1 if the message carries no position. */
    public int column() {
        return column < 0 ? -1 : column + 1;
    }
}
