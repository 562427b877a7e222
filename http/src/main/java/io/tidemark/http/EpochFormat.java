package io.tidemark.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How the {@code time} column is written: RFC 3339 with nanoseconds and trailing zeros trimmed (the default), or
 * an integer in the unit of the {@code epoch} parameter. InfluxDB divides for u, ms, s, m, h and treats any other
 * non-empty value as nanoseconds.
 */
public final class EpochFormat {
    /** The longest RFC 3339 text: {@code 2006-01-02T15:04:05.999999999-07:00}. */
    static final int RFC3339_MAX_LENGTH = 35;
    /** "00" to "99": a time's fields are written two digits at a time, with no loop. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

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
        byte[] text = new byte[RFC3339_MAX_LENGTH];
        int length = rfc3339(nanos, zone, text, 0);
        return new String(text, 0, length, StandardCharsets.US_ASCII);
    }

    /**
     * Writes {@link #rfc3339(long, ZoneId)}'s text into {@code dst} from {@code at}, which must have room for
     * {@link #RFC3339_MAX_LENGTH} bytes, and returns the index after it. The date comes from the days since the epoch
     * by integer arithmetic (the proleptic Gregorian calendar, as {@code java.time} and Go use): a long's
     * nanoseconds reach only the years 1677 to 2262, always four digits.
     */
    static int rfc3339(long nanos, ZoneId zone, byte[] dst, int at) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        int frac = (int) Math.floorMod(nanos, 1_000_000_000L);
        String offset = null;
        if (zone != null) {
            ZoneOffset o = zone.getRules().getOffset(Instant.ofEpochSecond(seconds));
            seconds += o.getTotalSeconds();
            if (o.getTotalSeconds() != 0) {
                offset = o.getId().length() > 6 ? o.getId().substring(0, 6) : o.getId();
            }
        }
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // Days to year, month and day in a calendar whose years start on March 1st, so that the leap day is last.
        long shifted = days + 719_468;   // days from 0000-03-01 to 1970-01-01
        long era = Math.floorDiv(shifted, 146_097);
        int dayOfEra = (int) (shifted - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int p = pair(dst, at, year / 100);
        p = pair(dst, p, year % 100);
        dst[p++] = '-';
        p = pair(dst, p, month);
        dst[p++] = '-';
        p = pair(dst, p, day);
        dst[p++] = 'T';
        p = pair(dst, p, secondOfDay / 3600);
        dst[p++] = ':';
        p = pair(dst, p, secondOfDay / 60 % 60);
        dst[p++] = ':';
        p = pair(dst, p, secondOfDay % 60);
        if (frac != 0) {
            int width = 9;
            while (frac % 10 == 0) {
                frac /= 10;
                width--;
            }
            dst[p++] = '.';
            p = digits(dst, p, frac, width);
        }
        if (offset == null) {
            dst[p++] = 'Z';
        } else {
            for (int i = 0; i < offset.length(); i++) {
                dst[p++] = (byte) offset.charAt(i);
            }
        }
        return p;
    }

    /** Writes {@code value}, 0 to 99, as two digits; returns the index after. */
    private static int pair(byte[] dst, int at, int value) {
        dst[at] = DIGIT_PAIRS[2 * value];
        dst[at + 1] = DIGIT_PAIRS[2 * value + 1];
        return at + 2;
    }

    /** Writes {@code value} (not negative) with leading zeros to {@code width} digits; returns the index after. */
    private static int digits(byte[] dst, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
