package io.tidemark.influxql.parser;

import java.util.function.Supplier;

/**
 * The parser's view of the token sequence: a lexer with up to three tokens of push-back ({@link #unscan()}) and
 * bound-parameter substitution applied to every token handed out, as InfluxDB's {@code bufScanner} and
 * {@code Parser.scan} do. {@link #peekRune()} deliberately looks at the text after the last <em>scanned</em> token,
 * ignoring pushed-back tokens, because InfluxDB's regex detection behaves that way.
 *
 * <p>Not thread-safe; confined to one parse.
 */
public final class TokenStream {
    private static final int RING = 3;

    private final Lexer lexer;
    private final BoundParameters params;
    private final Lexeme[] ring = new Lexeme[RING];
    private int index;
    private int unscanned;

    public TokenStream(String text, BoundParameters params) {
        this.lexer = new Lexer(text);
        this.params = params;
        for (int i = 0; i < RING; i++) {
            ring[i] = new Lexeme(Token.ILLEGAL, Pos.START, "");
        }
    }

    public BoundParameters params() {
        return params;
    }

    /** The next token, whitespace and comments included. */
    public Lexeme scan() {
        return substitute(next(lexer::scan));
    }

    /** The next token scanned as a regex (a pushed-back token is returned as is). */
    public Lexeme scanRegex() {
        return substitute(next(lexer::scanRegex));
    }

    /** The next token that is not whitespace or a comment. */
    public Lexeme scanIgnoreWhitespace() {
        while (true) {
            Lexeme l = scan();
            if (l.token() != Token.WS && l.token() != Token.COMMENT) {
                return l;
            }
        }
    }

    /** Pushes the last returned token back. */
    public void unscan() {
        unscanned++;
    }

    /** Consumes the next token if it is whitespace. */
    public void consumeWhitespace() {
        if (scan().token() != Token.WS) {
            unscan();
        }
    }

    public int peekRune() {
        return lexer.peekRune();
    }

    private Lexeme next(Supplier<Lexeme> source) {
        if (unscanned > 0) {
            unscanned--;
            return current();
        }
        index = (index + 1) % RING;
        ring[index] = source.get();
        return current();
    }

    private Lexeme current() {
        return ring[(index - unscanned + RING) % RING];
    }

    private Lexeme substitute(Lexeme l) {
        if (l.token() == Token.BOUNDPARAM) {
            String key = l.literal().substring(1);
            if (!key.isEmpty()) {
                BoundParameters.Value v = params.get(key);
                if (v != null) {
                    return new Lexeme(v.token(), l.pos(), v.literal());
                }
            }
        }
        return l;
    }
}
