package io.tidemark.common;

/**
 * The unit of a line-protocol timestamp, as named by the {@code precision} parameter of {@code /write}.
 * Timestamps are stored in nanoseconds; a precision only scales what the client sent.
 */
public enum Precision {
    NANOSECONDS("n", 1L),
    MICROSECONDS("u", 1_000L),
    MILLISECONDS("ms", 1_000_000L),
    SECONDS("s", 1_000_000_000L),
    MINUTES("m", 60_000_000_000L),
    HOURS("h", 3_600_000_000_000L);

    private final String symbol;
    private final long nanosPerUnit;

    Precision(String symbol, long nanosPerUnit) {
        this.symbol = symbol;
        this.nanosPerUnit = nanosPerUnit;
    }

    public String symbol() {
        return symbol;
    }

    public long nanosPerUnit() {
        return nanosPerUnit;
    }

    /**
     * Parses the {@code precision} parameter of {@code /write} as InfluxDB 1.8 does: an absent or empty value means
     * nanoseconds, and {@code ns} is accepted beside {@code n}; {@code us} is not (1.8's write handler answers 400
     * for it, as for any other value).
     *
     * @throws IllegalArgumentException with InfluxDB 1.8's message for anything else
     */
    public static Precision parse(String value) {
        if (value == null || value.isEmpty()) {
            return NANOSECONDS;
        }
        return switch (value) {
            case "n", "ns" -> NANOSECONDS;
            case "u" -> MICROSECONDS;
            case "ms" -> MILLISECONDS;
            case "s" -> SECONDS;
            case "m" -> MINUTES;
            case "h" -> HOURS;
            default -> throw new IllegalArgumentException(
                    "invalid precision \"" + value + "\" (use n, u, ms, s, m or h)");
        };
    }
}
