package io.tidemark.common;

import java.util.Locale;

/**
 * Byte sizes as InfluxDB's configuration writes them: a plain number of bytes, or a number with a
 * {@code k}, {@code m} or {@code g} suffix (1024-based, case-insensitive, an optional trailing {@code b}).
 */
public final class DataSize {
    private DataSize() {
    }

    public static long parseBytes(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        if (s.endsWith("b") && s.length() > 1 && !Character.isDigit(s.charAt(s.length() - 2))) {
            s = s.substring(0, s.length() - 1);
        }
        long multiplier = 1;
        char last = s.charAt(s.length() - 1);
        switch (last) {
            case 'k' -> multiplier = 1L << 10;
            case 'm' -> multiplier = 1L << 20;
            case 'g' -> multiplier = 1L << 30;
            case 't' -> multiplier = 1L << 40;
            default -> { }
        }
        String digits = multiplier == 1 ? s : s.substring(0, s.length() - 1);
        try {
            long n = Long.parseLong(digits.trim());
            if (n < 0) {
                throw new IllegalArgumentException("negative size: " + text);
            }
            return Math.multiplyExact(n, multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid size \"" + text + "\" (use bytes, or a number with k, m or g)");
        }
    }

    /** The shortest exact form with a suffix, as {@code influxd config} prints sizes. */
    public static String format(long bytes) {
        if (bytes != 0) {
            if (bytes % (1L << 30) == 0) {
                return (bytes >> 30) + "g";
            }
            if (bytes % (1L << 20) == 0) {
                return (bytes >> 20) + "m";
            }
            if (bytes % (1L << 10) == 0) {
                return (bytes >> 10) + "k";
            }
        }
        return Long.toString(bytes);
    }
}
