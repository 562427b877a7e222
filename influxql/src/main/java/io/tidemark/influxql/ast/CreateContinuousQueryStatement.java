package io.tidemark.influxql.ast;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code CREATE CONTINUOUS QUERY name ON db [RESAMPLE [EVERY d] [FOR d]] BEGIN select END}.
 *
 * @param source the SELECT ... INTO ... statement
 * @param resampleEvery {@link Duration#ZERO} if not given
 * @param resampleFor {@link Duration#ZERO} if not given
 */
public record CreateContinuousQueryStatement(String name, String database, SelectStatement source,
        Duration resampleEvery, Duration resampleFor) implements Statement {
    public CreateContinuousQueryStatement {
        Objects.requireNonNull(name);
        Objects.requireNonNull(database);
        Objects.requireNonNull(source);
        Objects.requireNonNull(resampleEvery);
        Objects.requireNonNull(resampleFor);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CREATE CONTINUOUS QUERY ").append(InfluxQuoting.quoteIdent(name))
                .append(" ON ").append(InfluxQuoting.quoteIdent(database)).append(' ');
        if (resampleEvery.isPositive() || resampleFor.isPositive()) {
            sb.append("RESAMPLE ");
            if (resampleEvery.isPositive()) {
                sb.append("EVERY ").append(InfluxDurations.format(resampleEvery)).append(' ');
            }
            if (resampleFor.isPositive()) {
                sb.append("FOR ").append(InfluxDurations.format(resampleFor)).append(' ');
            }
        }
        return sb.append("BEGIN ").append(source).append(" END").toString();
    }
}
