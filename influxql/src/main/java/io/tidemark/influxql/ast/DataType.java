package io.tidemark.influxql.ast;

/** The {@code ::type} cast of a variable reference or wildcard, printed in lower case; UNKNOWN means no cast. */
public enum DataType {
    UNKNOWN("unknown"),
    FLOAT("float"),
    INTEGER("integer"),
    UNSIGNED("unsigned"),
    STRING("string"),
    BOOLEAN("boolean"),
    TIME("time"),
    DURATION("duration"),
    TAG("tag"),
    ANY_FIELD("field");

    private final String text;

    DataType(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
