package io.tidemark.influxql.ast;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A function call {@code name(args)}; the name is lower-cased by the parser ({@code MEAN(x)} is {@code mean(x)}).
 * Also used for {@code time(10m)} in GROUP BY and {@code now()}.
 */
public record Call(String name, List<Expr> args) implements Expr {
    public Call {
        Objects.requireNonNull(name);
        args = List.copyOf(args);
    }

    @Override
    public String toString() {
        return name + "(" + args.stream().map(Object::toString).collect(Collectors.joining(", ")) + ")";
    }
}
