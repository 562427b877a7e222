package io.tidemark.influxql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code SHOW MEASUREMENTS [ON db] [WITH MEASUREMENT = name | =~ /re/] [WHERE cond] [ORDER BY ..] [LIMIT n]
 * [OFFSET n]}.
 *
 * @param source the WITH MEASUREMENT operand, null if absent; a regex measurement means {@code =~}
 */
public record ShowMeasurementsStatement(String database, Measurement source, Expr condition,
        List<SortField> sortFields, long limit, long offset) implements Statement {
    public ShowMeasurementsStatement {
        Objects.requireNonNull(database);
        sortFields = List.copyOf(sortFields);
    }

    /** Unlike InfluxDB 1.8, which prints the ON database unquoted, this quotes it when needed so it reads back. */
    @Override
    public String toString() {
        Clauses c = new Clauses("SHOW MEASUREMENTS").on(database);
        if (source != null) {
            c.text(" WITH MEASUREMENT ").text(source.regex() != null ? "=~ " : "= ").text(source.toString());
        }
        return c.where(condition).orderBy(sortFields).positive("LIMIT", limit).positive("OFFSET", offset)
                .toString();
    }
}
