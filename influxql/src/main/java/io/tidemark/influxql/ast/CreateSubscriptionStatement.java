package io.tidemark.influxql.ast;

import java.util.List;
import java.util.Objects;

/** {@code CREATE SUBSCRIPTION name ON db.rp DESTINATIONS ALL|ANY 'url'[, ...]}; mode is "ALL" or "ANY". */
public record CreateSubscriptionStatement(String name, String database, String retentionPolicy, List<String> destinations, String mode) implements Statement {
    public CreateSubscriptionStatement {
        Objects.requireNonNull(name);
        Objects.requireNonNull(database);
        Objects.requireNonNull(retentionPolicy);
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(mode);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CREATE SUBSCRIPTION ").append(InfluxQuoting.quoteIdent(name))
                .append(" ON ").append(InfluxQuoting.quoteIdent(database)).append(".")
                .append(InfluxQuoting.quoteIdent(retentionPolicy)).append(" DESTINATIONS ").append(mode).append(" ");
        for (int i = 0; i < destinations.size(); i++) {
            if (i != 0) {
                sb.append(", ");
            }
            sb.append(InfluxQuoting.quoteString(destinations.get(i)));
        }
        return sb.toString();
    }
}
