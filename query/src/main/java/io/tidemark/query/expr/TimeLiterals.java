package io.tidemark.query.expr;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time strings in InfluxQL ({@code '2021-03-04'}, {@code '2021-03-04 10:00:00.5'}, RFC 3339 with an offset), read
 * as InfluxDB does with Go's layouts: strings without an offset are in the statement's {@code tz()} zone.
 *
 * <p>Stateless; thread-safe.
 */
public final class TimeLiterals {
    /** InfluxDB's {@code ErrInvalidTime}. */
    public static final String INVALID_TIME = "invalid timestamp string";

    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern DATE_TIME_PREFIX = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}.+", Pattern.DOTALL);
    private static final Pattern LOCAL = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2}) (\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?$");
    // Go's layouts take at most nine fraction digits, and any two-digit offset hours and minutes (+25:00, +01:60).
    private static final Pattern RFC3339 = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?(Z|([+-])(\\d{2}):(\\d{2}))$");

    private TimeLiterals() {
    }

    /** True when InfluxDB treats the string as a time ({@code IsTimeLiteral}): it starts with a date. */
    public static boolean isTimeLiteral(String s) {
        return DATE.matcher(s).matches() || DATE_TIME_PREFIX.matcher(s).matches();
    }

    /**
     * Nanoseconds since the epoch.
     *
     * @param zone the zone of strings without an offset (UTC when the statement has no {@code tz()})
     * @throws IllegalArgumentException with {@link #INVALID_TIME}
     */
    public static long parse(String s, ZoneId zone) {
        Instant t = parseInstant(s, zone);
        try {
            return nanos(t.getEpochSecond(), t.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(INVALID_TIME, e);
        }
    }

    /**
     * The instant, also where it lies beyond the nanosecond timestamps (years 1677 to 2262), so that InfluxDB's
     * "overflows time literal" can name it.
     *
     * @throws IllegalArgumentException with {@link #INVALID_TIME}
     */
    public static Instant parseInstant(String s, ZoneId zone) {
        try {
            if (DATE.matcher(s).matches()) {
                LocalDate d = LocalDate.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10));
                return d.atStartOfDay(zone).toInstant();
            }
            Matcher m = LOCAL.matcher(s);
            if (m.matches()) {
                LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        Integer.parseInt(m.group(6)));
                return Instant.ofEpochSecond(t.atZone(zone).toEpochSecond(), fraction(m.group(7)));
            }
            m = RFC3339.matcher(s);
            if (m.matches()) {
                LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        Integer.parseInt(m.group(6)));
                long offset = m.group(8).equals("Z") ? 0 : (m.group(9).equals("-") ? -1 : 1)
                        * (Integer.parseInt(m.group(10)) * 3600L + Integer.parseInt(m.group(11)) * 60L);
                return Instant.ofEpochSecond(t.toEpochSecond(ZoneOffset.UTC) - offset, fraction(m.group(7)));
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException(INVALID_TIME, e);
        }
        throw new IllegalArgumentException(INVALID_TIME);
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    /** Up to nine fraction digits, as nanoseconds. */
    private static int fraction(String digits) {
        if (digits == null) {
            return 0;
        }
        return Integer.parseInt((digits + "000000000").substring(0, 9));
    }

    private static long nanos(long epochSecond, int nano) {
        return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000_000L), nano);
    }
}
