package io.tidemark.influxql.parser;

/**
 * One scanned token with its start position and literal text (empty for keywords and operators).
 *
 * @param token the token kind
 * @param pos where the token starts
 * @param literal identifier name, unquoted string contents, number text, duration text, regex pattern, or ""
 */
public record Lexeme(Token token, Pos pos, String literal) {
    /** The text an error message prints for this token. */
    public String describe() {
        return Token.describe(token, literal);
    }
}
