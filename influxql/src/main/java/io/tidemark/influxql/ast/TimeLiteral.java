package io.tidemark.influxql.ast;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * An absolute time. The parser never produces one (times are written as strings); rewrites in the query engine do,
 * and it prints as an RFC 3339 string with trailing zeros of the fraction dropped, as Go's {@code RFC3339Nano}.
 */
public record TimeLiteral(Instant value) implements Expr {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    public TimeLiteral {
        Objects.requireNonNull(value);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("'").append(SECONDS.format(value));
        int nanos = value.getNano();
        if (nanos != 0) {
            String f = String.format("%09d", nanos);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        return sb.append("Z'").toString();
    }
}
