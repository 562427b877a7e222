package io.tidemark.http;

import java.time.Instant;
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
        Instant instant = Instant.ofEpochSecond(seconds);
        String base;
        String offset = "Z";
        if (zone == null) {
            base = SECONDS.format(instant);
        } else {
            ZoneOffset o = zone.getRules().getOffset(instant);
            base = SECONDS.withZone(o).format(instant);
            if (o.getTotalSeconds() != 0) {
                offset = o.getId().length() > 6 ? o.getId().substring(0, 6) : o.getId();
            }
        }
        if (frac == 0) {
            return base + offset;
        }
        String f = String.format("%09d", frac);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return base + "." + f.substring(0, end) + offset;
    }
}
