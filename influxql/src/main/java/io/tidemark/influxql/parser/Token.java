package io.tidemark.influxql.parser;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The lexical tokens of InfluxQL 1.8. {@link #text()} is the name InfluxDB prints for the token in
 * {@code found X, expected Y} errors when the token carries no literal (an empty string for tokens InfluxDB
 * never names, such as {@code INTEGER}, which always carry their literal).
 *
 * <p>Immutable; thread-safe.
 */
public enum Token {
    ILLEGAL("ILLEGAL"),
    EOF("EOF"),
    WS("WS"),
    COMMENT(""),

    IDENT("IDENT"),
    BOUNDPARAM(""),
    NUMBER("NUMBER"),
    INTEGER(""),
    DURATIONVAL("DURATIONVAL"),
    STRING("STRING"),
    BADSTRING("BADSTRING"),
    BADESCAPE("BADESCAPE"),
    TRUE("TRUE"),
    FALSE("FALSE"),
    REGEX("REGEX"),
    BADREGEX(""),

    ADD("+", 4),
    SUB("-", 4),
    MUL("*", 5),
    DIV("/", 5),
    MOD("%", 5),
    BITWISE_AND("&", 5),
    BITWISE_OR("|", 4),
    BITWISE_XOR("^", 4),
    AND("AND", 2),
    OR("OR", 1),
    EQ("=", 3),
    NEQ("!=", 3),
    EQREGEX("=~", 3),
    NEQREGEX("!~", 3),
    LT("<", 3),
    LTE("<=", 3),
    GT(">", 3),
    GTE(">=", 3),

    LPAREN("("),
    RPAREN(")"),
    COMMA(","),
    COLON(":"),
    DOUBLECOLON("::"),
    SEMICOLON(";"),
    DOT("."),

    ALL, ALTER, ANALYZE, ANY, AS, ASC, BEGIN, BY, CARDINALITY, CREATE, CONTINUOUS, DATABASE, DATABASES, DEFAULT,
    DELETE, DESC, DESTINATIONS, DIAGNOSTICS, DISTINCT, DROP, DURATION, END, EVERY, EXACT, EXPLAIN, FIELD, FOR, FROM,
    GRANT, GRANTS, GROUP, GROUPS, IN, INF, INSERT, INTO, KEY, KEYS, KILL, LIMIT, MEASUREMENT, MEASUREMENTS, NAME,
    OFFSET, ON, ORDER, PASSWORD, POLICY, POLICIES, PRIVILEGES, QUERIES, QUERY, READ, REPLICATION, RESAMPLE,
    RETENTION, REVOKE, SELECT, SERIES, SET, SHOW, SHARD, SHARDS, SLIMIT, SOFFSET, STATS, SUBSCRIPTION,
    SUBSCRIPTIONS, TAG, TO, USER, USERS, VALUES, WHERE, WITH, WRITE;

    private static final Map<String, Token> KEYWORDS = new HashMap<>();

    static {
        for (Token t : values()) {
            if (t.keyword) {
                KEYWORDS.put(t.name().toLowerCase(Locale.ROOT), t);
            }
        }
        KEYWORDS.put("and", AND);
        KEYWORDS.put("or", OR);
        KEYWORDS.put("true", TRUE);
        KEYWORDS.put("false", FALSE);
    }

    private final String text;
    private final int precedence;
    private final boolean keyword;

    Token(String text, int precedence) {
        this.text = text;
        this.precedence = precedence;
        this.keyword = false;
    }

    Token(String text) {
        this(text, 0);
    }

    Token() {
        this.text = name();
        this.precedence = 0;
        this.keyword = true;
    }

    /** The name InfluxDB prints for this token. */
    public String text() {
        return text;
    }

    /** Binary operator precedence (1 = OR … 5 = multiplicative), 0 for non-operators. */
    public int precedence() {
        return precedence;
    }

    public boolean isOperator() {
        return precedence > 0;
    }

    /** The keyword token for {@code ident} (case-insensitive), or {@link #IDENT} if it is not a keyword. */
    public static Token lookup(String ident) {
        Token t = KEYWORDS.get(ident.toLowerCase(Locale.ROOT));
        return t == null ? IDENT : t;
    }

    /** Like Go's {@code tokstr}: the literal if there is one, else the token name. */
    public static String describe(Token tok, String literal) {
        return literal.isEmpty() ? tok.text : literal;
    }
}
