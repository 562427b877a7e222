package io.tidemark.influxql.ast;

import java.util.Objects;

/**
 * {@code *}, {@code *::field} or {@code *::tag}.
 *
 * @param type {@link DataType#UNKNOWN}, {@link DataType#ANY_FIELD} or {@link DataType#TAG}
 */
public record Wildcard(DataType type) implements Expr {
    public static final Wildcard ALL = new Wildcard(DataType.UNKNOWN);

    public Wildcard {
        Objects.requireNonNull(type);
        if (type != DataType.UNKNOWN && type != DataType.ANY_FIELD && type != DataType.TAG) {
            throw new IllegalArgumentException("wildcard type must be field or tag: " + type);
        }
    }

    @Override
    public String toString() {
        return switch (type) {
            case ANY_FIELD -> "*::field";
            case TAG -> "*::tag";
            default -> "*";
        };
    }
}
