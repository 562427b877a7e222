package io.tidemark.influxql.ast;

import java.util.Objects;

/** {@code SHOW DIAGNOSTICS [FOR 'module']}; module is "" when not given. */
public record ShowDiagnosticsStatement(String module) implements Statement {
    public ShowDiagnosticsStatement {
        Objects.requireNonNull(module);
    }

    @Override
    public String toString() {
        return module.isEmpty() ? "SHOW DIAGNOSTICS" : "SHOW DIAGNOSTICS FOR " + InfluxQuoting.quoteString(module);
    }
}
