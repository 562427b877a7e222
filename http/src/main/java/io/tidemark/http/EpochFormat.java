package io.tidemark.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the {@code time} column is written: RFC 3339 with nanoseconds and trailing zeros trimmed (the default), or
 * an integer in the unit of the {@code epoch} parameter. InfluxDB divides for u, ms, s, m, h and treats any other
 * non-empty value as nanoseconds.
 */
public final class EpochFormat {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final long divisor;

    private EpochFormat(long divisor) {
        this.divisor = divisor;
    }

    public static EpochFormat of(String epoch) {
        if (epoch == null || epoch.isEmpty()) {
            return new EpochFormat(0);
        }
        return new EpochFormat(switch (epoch) {
            case "u", "µ" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1L;
        });
    }

    public boolean rfc3339() {
        return divisor == 0;
    }

    public long toEpoch(long nanos) {
        return nanos / divisor;
    }

    /** RFC 3339 in UTC with the fraction trimmed of trailing zeros, as Go's {@code time.RFC3339Nano}. */
    public static String rfc3339(long nanos) {
        return rfc3339(nanos, null);
    }

    /**
     * RFC 3339 in {@code zone} (null: UTC), as Go formats {@code time.RFC3339Nano} in a location: the local time,
     * then {@code Z} for a zero offset or {@code ±hh:mm}.
     */
    public static String rfc3339(long nanos, ZoneId zone) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        int frac = (int) Math.floorMod(nanos, 1_000_000_000L);
        String offset = "Z";
        long localSeconds = seconds;
        if (zone != null) {
            ZoneOffset o = zone.getRules().getOffset(Instant.ofEpochSecond(seconds));
            localSeconds += o.getTotalSeconds();
            if (o.getTotalSeconds() != 0) {
                offset = o.getId().length() > 6 ? o.getId().substring(0, 6) : o.getId();
            }
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(36);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            // Outside what timestamps reach (1677-2262): the general formatter.
            b.append(SECONDS.format(t.toInstant(ZoneOffset.UTC)));
        } else {
            digits(b, t.getYear(), 4);
            b.append('-');
            digits(b, t.getMonthValue(), 2);
            b.append('-');
            digits(b, t.getDayOfMonth(), 2);
            b.append('T');
            digits(b, t.getHour(), 2);
            b.append(':');
            digits(b, t.getMinute(), 2);
            b.append(':');
            digits(b, t.getSecond(), 2);
        }
        if (frac != 0) {
            int width = 9;
            while (frac % 10 == 0) {
                frac /= 10;
                width--;
            }
            b.append('.');
            digits(b, frac, width);
        }
        return b.append(offset).toString();
    }

    /** Appends {@code value} (not negative) with leading zeros to {@code width} digits. */
    private static void digits(StringBuilder b, int value, int width) {
        int start = b.length();
        for (int i = 0; i < width; i++) {
            b.append('0');
        }
        for (int i = start + width - 1; i >= start && value > 0; i--) {
            b.setCharAt(i, (char) ('0' + value % 10));
            value /= 10;
        }
    }
}
