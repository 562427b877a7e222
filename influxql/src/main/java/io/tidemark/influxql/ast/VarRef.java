package io.tidemark.influxql.ast;

import java.util.Objects;

/**
 * A field, tag or {@code time} reference, optionally cast ({@code usage::float}, {@code host::tag}). Dotted names
 * ({@code a.b}) are kept joined in {@code name}.
 */
public record VarRef(String name, DataType type) implements Expr {
    public VarRef {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
    }

    public static VarRef of(String name) {
        return new VarRef(name, DataType.UNKNOWN);
    }

    @Override
    public String toString() {
        String s = InfluxQuoting.quoteIdent(name);
        return type == DataType.UNKNOWN ? s : s + "::" + type.text();
    }
}
