package io.tidemark.influxql.ast;

import java.util.List;
import java.util.stream.Collectors;

/** The identifier list of {@code WITH KEY IN (k1, k2)}. */
public record ListLiteral(List<String> values) implements Expr {
    public ListLiteral {
        values = List.copyOf(values);
    }

    @Override
    public String toString() {
        return values.stream().map(InfluxQuoting::quoteIdent).collect(Collectors.joining(", ", "(", ")"));
    }
}
