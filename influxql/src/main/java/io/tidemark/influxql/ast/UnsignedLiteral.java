package io.tidemark.influxql.ast;

/**
 * An integer literal above {@link Long#MAX_VALUE} (up to 2^64-1).
 *
 * @param value the unsigned value's two's-complement bits; compare with {@link Long#compareUnsigned}
 */
public record UnsignedLiteral(long value) implements Expr {
    @Override
    public String toString() {
        return Long.toUnsignedString(value);
    }
}
