package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code KILL QUERY id [ON host]}; {@code queryId} holds unsigned 64-bit bits, host is "" when not given. */
public record KillQueryStatement(long queryId, String host) implements Statement {
    public KillQueryStatement {
        Objects.requireNonNull(host);
    }

    @Override
    public String toString() {
        return "KILL QUERY " + Long.toUnsignedString(queryId)
                + (host.isEmpty() ? "" : " ON " + InfluxQuoting.quoteIdent(host));
    }
}
