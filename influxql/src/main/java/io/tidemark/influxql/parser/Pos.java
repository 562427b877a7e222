package io.tidemark.influxql.parser;

/**
 * A zero-based line and character (code point) position in the query text. Errors print both plus one.
 *
 * @param line zero-based line
 * @param column zero-based code point offset within the line
 */
public record Pos(int line, int column) {
    public static final Pos START = new Pos(0, 0);
}
