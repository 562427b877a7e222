package io.tidemark.influxql.ast;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * InfluxQL duration literals: {@code <int><unit>} segments, units {@code ns u µ ms s m h d w}, optionally repeated
 * ({@code 1h30m}) and with a leading {@code -}. Arithmetic wraps on overflow exactly as Go's {@code time.Duration}
 * does, so that the overflow error fires for the same inputs as in InfluxDB.
 *
 * <p>Stateless; thread-safe.
 */
public final class InfluxDurations {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long M = 60 * S;
    private static final long H = 60 * M;
    private static final long D = 24 * H;
    private static final long W = 7 * D;

    private InfluxDurations() {
    }

    /**
     * Parses a duration literal.
     *
     * @throws IllegalArgumentException with InfluxDB's message ({@code invalid duration}, or
     *     {@code overflowed duration 15251w: choose a smaller duration or INF})
     */
    public static Duration parse(String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length < 2) {
            throw invalid();
        }
        int[] a = s.codePoints().toArray();
        long d = 0;
        int i = 0;
        boolean negative = false;
        if (a[i] == '-') {
            negative = true;
            i++;
        }
        long measure = 0;
        String unit = "";
        while (i < a.length) {
            int start = i;
            while (i < a.length && a[i] >= '0' && a[i] <= '9') {
                i++;
            }
            if (i >= a.length || i == start) {
                throw invalid();
            }
            long n;
            try {
                n = Long.parseLong(new String(a, start, i - start));
            } catch (NumberFormatException e) {
                throw invalid();
            }
            measure = n;
            unit = Character.toString(a[i]);
            switch (a[i]) {
                case 'n' -> {
                    if (i + 1 < a.length && a[i + 1] == 's') {
                        unit = "ns";
                        d += n;
                        i += 2;
                        continue;
                    }
                    throw invalid();
                }
                case 'u', 'µ' -> d += n * US;
                case 'm' -> {
                    if (i + 1 < a.length && a[i + 1] == 's') {
                        unit = "ms";
                        d += n * MS;
                        i += 2;
                        continue;
                    }
                    d += n * M;
                }
                case 's' -> d += n * S;
                case 'h' -> d += n * H;
                case 'd' -> d += n * 24 * H;
                case 'w' -> d += n * 7 * 24 * H;
                default -> throw invalid();
            }
            i++;
        }
        if (d < 0 && !negative) {
            throw new IllegalArgumentException(
                    "overflowed duration " + measure + unit + ": choose a smaller duration or INF");
        }
        return Duration.ofNanos(negative ? -d : d);
    }

    /** Formats with the largest unit that divides the duration exactly: {@code 2w}, {@code 90m}, {@code 5u}. */
    public static String format(Duration duration) {
        long d = duration.toNanos();
        if (d == 0) {
            return "0s";
        } else if (d % W == 0) {
            return d / W + "w";
        } else if (d % D == 0) {
            return d / D + "d";
        } else if (d % H == 0) {
            return d / H + "h";
        } else if (d % M == 0) {
            return d / M + "m";
        } else if (d % S == 0) {
            return d / S + "s";
        } else if (d % MS == 0) {
            return d / MS + "ms";
        } else if (d % US == 0) {
            return d / US + "u";
        }
        return d + "ns";
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("invalid duration");
    }
}
