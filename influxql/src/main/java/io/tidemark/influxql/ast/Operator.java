package io.tidemark.influxql.ast;

/**
 * Binary operators with InfluxQL precedence: OR (1) &lt; AND (2) &lt; comparisons (3) &lt; {@code + - | ^} (4)
 * &lt; {@code * / % &} (5). Operators of equal precedence associate to the left.
 */
public enum Operator {
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
    GTE(">=", 3);

    private final String symbol;
    private final int precedence;

    Operator(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    /** The operator as printed ({@code <>} prints as {@code !=}). */
    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }

    /**
     * The operator that holds with its operands swapped: {@code a < b} is {@code b > a}; the others are their own
     * mirror ({@code =}, {@code !=}) or are left as they are.
     */
    public Operator mirrored() {
        return switch (this) {
            case LT -> GT;
            case LTE -> GTE;
            case GT -> LT;
            case GTE -> LTE;
            default -> this;
        };
    }

    /** True for operators that yield a boolean ({@code = != =~ !~ < <= > >= AND OR}). */
    public boolean isComparisonOrLogical() {
        return precedence <= 3;
    }
}
