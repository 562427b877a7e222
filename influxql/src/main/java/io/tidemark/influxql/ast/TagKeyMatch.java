package io.tidemark.influxql.ast;

/** The operator of {@code SHOW TAG VALUES ... WITH KEY <op> ...}. */
public enum TagKeyMatch {
    EQ("="),
    NEQ("!="),
    EQREGEX("=~"),
    NEQREGEX("!~"),
    IN("IN");

    private final String text;

    TagKeyMatch(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Prints the key operand: a {@link StringLiteral} key prints as an identifier, as InfluxDB does. */
    String operand(Expr key) {
        return key instanceof StringLiteral s ? InfluxQuoting.quoteIdent(s.value()) : key.toString();
    }
}
