package io.tidemark.influxql.ast;

import java.util.Objects;

/**
 * A measurement reference {@code [db.][rp.]name} or {@code [db.][rp.]/regex/}. Empty strings mean "not given"
 * ({@code db..cpu} has an empty retention policy: the default one).
 *
 * @param regex the measurement regex, or null when {@code name} is used
 */
public record Measurement(String database, String retentionPolicy, String name, RegexLiteral regex)
        implements Source {
    public Measurement {
        Objects.requireNonNull(database);
        Objects.requireNonNull(retentionPolicy);
        Objects.requireNonNull(name);
    }

    public static Measurement named(String name) {
        return new Measurement("", "", name, null);
    }

    public static Measurement matching(String pattern) {
        return new Measurement("", "", "", new RegexLiteral(pattern));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!database.isEmpty()) {
            sb.append(InfluxQuoting.quoteIdent(database)).append('.');
        }
        if (!retentionPolicy.isEmpty()) {
            sb.append(InfluxQuoting.quoteIdent(retentionPolicy));
        }
        if (!database.isEmpty() || !retentionPolicy.isEmpty()) {
            sb.append('.');
        }
        if (!name.isEmpty()) {
            sb.append(InfluxQuoting.quoteIdent(name));
        } else if (regex != null) {
            sb.append(regex);
        }
        return sb.toString();
    }
}
