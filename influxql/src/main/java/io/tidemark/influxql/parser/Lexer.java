package io.tidemark.influxql.parser;

/**
 * Splits InfluxQL text into {@link Lexeme}s: whitespace, comments ({@code --} to end of line, {@code /* … *}{@code /}),
 * identifiers (bare, double-quoted), keywords, strings (single-quoted, escapes {@code \n \\ \' \"}), integers,
 * numbers, durations ({@code 10m}, {@code 1h30m}, {@code 5µ}), bound parameters ({@code $name}), operators and
 * punctuation. Regular expressions are only scanned on request ({@link #scanRegex()}) because {@code /} is also
 * division; the parser decides from context.
 *
 * <p>Not thread-safe; confined to one parse.
 */
public final class Lexer {
    private static final int MICRO = 'µ';

    private final RuneReader r;

    public Lexer(String text) {
        this.r = new RuneReader(text);
    }

    /** Scans the next token. */
    public Lexeme scan() {
        int ch0 = r.read();
        Pos pos = r.pos();
        if (isWhitespace(ch0)) {
            return scanWhitespace();
        } else if (isLetter(ch0) || ch0 == '_') {
            r.unread();
            return scanIdent(true);
        } else if (isDigit(ch0)) {
            return scanNumber();
        }
        switch (ch0) {
            case RuneReader.EOF:
                return new Lexeme(Token.EOF, pos, "");
            case '"':
                r.unread();
                return scanIdent(true);
            case '\'':
                return scanString();
            case '.': {
                int ch1 = r.read();
                r.unread();
                if (isDigit(ch1)) {
                    return scanNumber();
                }
                return new Lexeme(Token.DOT, pos, "");
            }
            case '$': {
                Lexeme id = scanIdent(false);
                if (id.token() != Token.IDENT) {
                    return new Lexeme(id.token(), pos, "$" + id.literal());
                }
                return new Lexeme(Token.BOUNDPARAM, pos, "$" + id.literal());
            }
            case '+':
                return op(Token.ADD, pos);
            case '-': {
                int ch1 = r.read();
                if (ch1 == '-') {
                    skipUntilNewline();
                    return new Lexeme(Token.COMMENT, pos, "");
                }
                r.unread();
                return op(Token.SUB, pos);
            }
            case '*':
                return op(Token.MUL, pos);
            case '/': {
                int ch1 = r.read();
                if (ch1 == '*') {
                    if (!skipUntilEndComment()) {
                        return new Lexeme(Token.ILLEGAL, pos, "");
                    }
                    return new Lexeme(Token.COMMENT, pos, "");
                }
                r.unread();
                return op(Token.DIV, pos);
            }
            case '%':
                return op(Token.MOD, pos);
            case '&':
                return op(Token.BITWISE_AND, pos);
            case '|':
                return op(Token.BITWISE_OR, pos);
            case '^':
                return op(Token.BITWISE_XOR, pos);
            case '=': {
                if (r.read() == '~') {
                    return op(Token.EQREGEX, pos);
                }
                r.unread();
                return op(Token.EQ, pos);
            }
            case '!': {
                int ch1 = r.read();
                if (ch1 == '=') {
                    return op(Token.NEQ, pos);
                } else if (ch1 == '~') {
                    return op(Token.NEQREGEX, pos);
                }
                r.unread();
                break;
            }
            case '>': {
                if (r.read() == '=') {
                    return op(Token.GTE, pos);
                }
                r.unread();
                return op(Token.GT, pos);
            }
            case '<': {
                int ch1 = r.read();
                if (ch1 == '=') {
                    return op(Token.LTE, pos);
                } else if (ch1 == '>') {
                    return op(Token.NEQ, pos);
                }
                r.unread();
                return op(Token.LT, pos);
            }
            case '(':
                return op(Token.LPAREN, pos);
            case ')':
                return op(Token.RPAREN, pos);
            case ',':
                return op(Token.COMMA, pos);
            case ';':
                return op(Token.SEMICOLON, pos);
            case ':': {
                if (r.read() == ':') {
                    return op(Token.DOUBLECOLON, pos);
                }
                r.unread();
                return op(Token.COLON, pos);
            }
            default:
                break;
        }
        return new Lexeme(Token.ILLEGAL, pos, Character.toString(ch0));
    }

    /**
     * Scans a {@code /pattern/} regular expression; {@code \/} is an escaped slash, other escapes pass through
     * unchanged. Assumes the next code point is the opening slash (the caller peeked it).
     */
    public Lexeme scanRegex() {
        Pos pos = r.pos();
        StringBuilder buf = new StringBuilder();
        if (r.read() != '/') {
            return new Lexeme(Token.BADREGEX, pos, "");
        }
        while (true) {
            int ch0 = r.read();
            if (ch0 == '/') {
                return new Lexeme(Token.REGEX, pos, buf.toString());
            } else if (ch0 == RuneReader.EOF || ch0 == '\n') {
                return new Lexeme(Token.BADREGEX, pos, "");
            } else if (ch0 == '\\') {
                int ch1 = r.read();
                if (ch1 == RuneReader.EOF) {
                    return new Lexeme(Token.BADREGEX, pos, "");
                }
                if (ch1 == '/') {
                    buf.append('/');
                } else {
                    r.unread();
                    buf.append('\\');
                }
            } else {
                buf.appendCodePoint(ch0);
            }
        }
    }

    /** The next code point without consuming it; at end of input the end marker is consumed, as in InfluxDB. */
    public int peekRune() {
        int ch = r.read();
        if (ch != RuneReader.EOF) {
            r.unread();
        }
        return ch;
    }

    private static Lexeme op(Token t, Pos pos) {
        return new Lexeme(t, pos, "");
    }

    private Lexeme scanWhitespace() {
        StringBuilder buf = new StringBuilder();
        buf.appendCodePoint(r.current());
        Pos pos = r.pos();
        while (true) {
            int ch = r.read();
            if (ch == RuneReader.EOF) {
                break;
            } else if (!isWhitespace(ch)) {
                r.unread();
                break;
            }
            buf.appendCodePoint(ch);
        }
        return new Lexeme(Token.WS, pos, buf.toString());
    }

    private void skipUntilNewline() {
        while (true) {
            int ch = r.read();
            if (ch == '\n' || ch == RuneReader.EOF) {
                return;
            }
        }
    }

    /** Returns false when the input ends inside the comment. */
    private boolean skipUntilEndComment() {
        while (true) {
            int ch1 = r.read();
            if (ch1 == '*') {
                while (true) {
                    int ch2 = r.read();
                    if (ch2 == '/') {
                        return true;
                    } else if (ch2 == RuneReader.EOF) {
                        return false;
                    } else if (ch2 != '*') {
                        break;
                    }
                }
            } else if (ch1 == RuneReader.EOF) {
                return false;
            }
        }
    }

    private Lexeme scanIdent(boolean lookup) {
        r.read();
        Pos pos = r.pos();
        r.unread();
        StringBuilder buf = new StringBuilder();
        while (true) {
            int ch = r.read();
            if (ch == RuneReader.EOF) {
                break;
            } else if (ch == '"') {
                Lexeme s = scanString();
                if (s.token() == Token.BADSTRING || s.token() == Token.BADESCAPE) {
                    return s;
                }
                // A quoted part replaces whatever bare part preceded it, as in InfluxDB.
                return new Lexeme(Token.IDENT, pos, s.literal());
            } else if (isIdentChar(ch)) {
                r.unread();
                scanBareIdent(buf);
            } else {
                r.unread();
                break;
            }
        }
        String lit = buf.toString();
        if (lookup) {
            Token t = Token.lookup(lit);
            if (t != Token.IDENT) {
                return new Lexeme(t, pos, "");
            }
        }
        return new Lexeme(Token.IDENT, pos, lit);
    }

    private void scanBareIdent(StringBuilder buf) {
        while (true) {
            int ch = r.read();
            if (ch == RuneReader.EOF) {
                break;
            } else if (!isIdentChar(ch)) {
                r.unread();
                break;
            }
            buf.appendCodePoint(ch);
        }
    }

    /** Assumes the opening quote was just read; it is pushed back and read again as the delimiter. */
    private Lexeme scanString() {
        r.unread();
        Pos pos = r.pos();
        int ending = r.read();
        StringBuilder buf = new StringBuilder();
        if (ending == RuneReader.EOF) {
            return new Lexeme(Token.BADSTRING, pos, "");
        }
        while (true) {
            int ch0 = r.read();
            if (ch0 == ending) {
                return new Lexeme(Token.STRING, pos, buf.toString());
            } else if (ch0 == RuneReader.EOF || ch0 == '\n') {
                return new Lexeme(Token.BADSTRING, pos, buf.toString());
            } else if (ch0 == '\\') {
                int ch1 = r.read();
                switch (ch1) {
                    case 'n' -> buf.append('\n');
                    case '\\' -> buf.append('\\');
                    case '"' -> buf.append('"');
                    case '\'' -> buf.append('\'');
                    default -> {
                        return new Lexeme(Token.BADESCAPE, r.pos(), "\\" + Character.toString(ch1));
                    }
                }
            } else {
                buf.appendCodePoint(ch0);
            }
        }
    }

    /** Assumes the first digit (or a '.' followed by a digit) was just read. */
    private Lexeme scanNumber() {
        StringBuilder buf = new StringBuilder();
        int ch = r.current();
        Pos pos = r.pos();
        if (ch == '.') {
            int ch1 = r.read();
            r.unread();
            if (!isDigit(ch1)) {
                return new Lexeme(Token.ILLEGAL, pos, ".");
            }
            r.unread();
        } else {
            r.unread();
        }
        scanDigits(buf);

        boolean isDecimal = false;
        int ch0 = r.read();
        if (ch0 == '.') {
            isDecimal = true;
            int ch1 = r.read();
            if (isDigit(ch1)) {
                buf.append('.').appendCodePoint(ch1);
                scanDigits(buf);
            } else {
                r.unread();
            }
        } else {
            r.unread();
        }

        if (!isDecimal) {
            ch0 = r.read();
            if (isLetter(ch0) || ch0 == MICRO) {
                buf.appendCodePoint(ch0);
                while (true) {
                    int ch1 = r.read();
                    if (!isLetter(ch1) && ch1 != MICRO) {
                        r.unread();
                        break;
                    }
                    buf.appendCodePoint(ch1);
                }
                while (true) {
                    int c = r.read();
                    if (isLetter(c) || c == MICRO || isDigit(c)) {
                        buf.appendCodePoint(c);
                    } else {
                        r.unread();
                        break;
                    }
                }
                return new Lexeme(Token.DURATIONVAL, pos, buf.toString());
            }
            r.unread();
            return new Lexeme(Token.INTEGER, pos, buf.toString());
        }
        return new Lexeme(Token.NUMBER, pos, buf.toString());
    }

    private void scanDigits(StringBuilder buf) {
        while (true) {
            int ch = r.read();
            if (!isDigit(ch)) {
                r.unread();
                return;
            }
            buf.appendCodePoint(ch);
        }
    }

    static boolean isWhitespace(int ch) {
        return ch == ' ' || ch == '\t' || ch == '\n';
    }

    static boolean isLetter(int ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    static boolean isDigit(int ch) {
        return ch >= '0' && ch <= '9';
    }

    static boolean isIdentChar(int ch) {
        return isLetter(ch) || isDigit(ch) || ch == '_';
    }

    static boolean isIdentFirstChar(int ch) {
        return isLetter(ch) || ch == '_';
    }
}
