package io.tidemark.influxql.parser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tidemark.influxql.ParseException;
import io.tidemark.influxql.ast.InfluxDurations;
import io.tidemark.influxql.ast.InfluxQuoting;

/**
 * Parses the leaves of the grammar shared by all statements: identifiers, strings, integers, durations and fixed
 * keyword sequences, with InfluxDB's error texts ({@code expected identifier}, {@code expected integer},
 * {@code expected duration}, ...).
 *
 * <p>Not thread-safe; confined to one parse.
 */
final class TerminalParser {
    private final TokenStream in;

    TerminalParser(TokenStream in) {
        this.in = in;
    }

    static ParseException unexpected(Lexeme found, String... expected) {
        return unexpected(found, Arrays.asList(expected));
    }

    static ParseException unexpected(Lexeme found, List<String> expected) {
        return ParseException.unexpected(found.describe(), expected, found.pos().line(), found.pos().column());
    }

    static ParseException at(String message, Pos pos) {
        return ParseException.at(message, pos.line(), pos.column());
    }

    String parseIdent() throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != Token.IDENT) {
            throw unexpected(l, "identifier");
        }
        return l.literal();
    }

    List<String> parseIdentList() throws ParseException {
        List<String> idents = new ArrayList<>();
        idents.add(parseIdent());
        while (true) {
            if (in.scanIgnoreWhitespace().token() != Token.COMMA) {
                in.unscan();
                return idents;
            }
            idents.add(parseIdent());
        }
    }

    /**
     * Parses {@code a}, {@code a.b}, {@code a.b.c}, {@code a..c}; stops before a segment that starts with {@code /}
     * (a regex) or {@code :} (a {@code :MEASUREMENT} back-reference), leaving it to the caller.
     */
    List<String> parseSegmentedIdents() throws ParseException {
        List<String> idents = new ArrayList<>();
        idents.add(parseIdent());
        while (true) {
            if (in.scan().token() != Token.DOT) {
                in.unscan();
                break;
            }
            int ch = in.peekRune();
            if (ch == '/' || ch == ':') {
                break;
            } else if (ch == '.') {
                idents.add("");
                continue;
            }
            idents.add(parseIdent());
        }
        if (idents.size() > 3) {
            throw at("too many segments in " + InfluxQuoting.quoteIdent(idents.toArray(String[]::new)), Pos.START);
        }
        return idents;
    }

    String parseString() throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != Token.STRING) {
            throw unexpected(l, "string");
        }
        return l.literal();
    }

    List<String> parseStringList() throws ParseException {
        List<String> strs = new ArrayList<>();
        strs.add(parseString());
        while (true) {
            if (in.scanIgnoreWhitespace().token() != Token.COMMA) {
                in.unscan();
                return strs;
            }
            strs.add(parseString());
        }
    }

    /** An integer in {@code [min, max]}. */
    int parseInt(int min, int max) throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != Token.INTEGER) {
            throw unexpected(l, "integer");
        }
        long n;
        try {
            n = Long.parseLong(l.literal());
        } catch (NumberFormatException e) {
            throw at("strconv.Atoi: parsing " + goQuote(l.literal()) + ": " + numError(l.literal()), l.pos());
        }
        if (min > n || n > max) {
            throw at("invalid value " + n + ": must be " + min + " <= n <= " + max, l.pos());
        }
        return (int) n;
    }

    /** An unsigned 64-bit integer, returned as its two's-complement bits. */
    long parseUInt64() throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != Token.INTEGER) {
            throw unexpected(l, "integer");
        }
        try {
            return Long.parseUnsignedLong(l.literal());
        } catch (NumberFormatException e) {
            String reason = l.literal().matches("[0-9]+") ? "value out of range" : "invalid syntax";
            throw at("strconv.ParseUint: parsing " + goQuote(l.literal()) + ": " + reason, l.pos());
        }
    }

    /** A duration literal or INF (returned as zero). Assumes the DURATION keyword was consumed. */
    Duration parseDuration() throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != Token.DURATIONVAL && l.token() != Token.INF) {
            throw unexpected(l, "duration");
        }
        if (l.token() == Token.INF) {
            return Duration.ZERO;
        }
        return parseDurationLiteral(l);
    }

    static Duration parseDurationLiteral(Lexeme l) throws ParseException {
        try {
            return InfluxDurations.parse(l.literal());
        } catch (IllegalArgumentException e) {
            throw at(e.getMessage(), l.pos());
        }
    }

    /** Consumes exactly the given keyword sequence. */
    void parseTokens(Token... expected) throws ParseException {
        for (Token t : expected) {
            Lexeme l = in.scanIgnoreWhitespace();
            if (l.token() != t) {
                throw unexpected(l, t.text());
            }
        }
    }

    /** True (consumed) if the next token is {@code t}; otherwise nothing is consumed. */
    boolean accept(Token t) {
        if (in.scanIgnoreWhitespace().token() == t) {
            return true;
        }
        in.unscan();
        return false;
    }

    /** {@code <t> <integer>} if the next token is {@code t}, else 0. */
    long parseOptionalTokenAndInt(Token t) throws ParseException {
        if (!accept(t)) {
            return 0;
        }
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != Token.INTEGER) {
            throw unexpected(l, "integer");
        }
        long n;
        try {
            n = Long.parseLong(l.literal());
        } catch (NumberFormatException e) {
            // Go ignores the error here and keeps strconv's clamped result.
            n = l.literal().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (n < 0) {
            throw at(t.text() + " must be >= 0", l.pos());
        }
        return n;
    }

    private static String numError(String literal) {
        return literal.matches("-?[0-9]+") ? "value out of range" : "invalid syntax";
    }

    /** Go's %q for the plain ASCII literals that reach the messages above. */
    private static String goQuote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
