package io.tidemark.common;

import java.time.Duration;

/**
 * Durations in the syntax of Go's {@code time.ParseDuration}, which InfluxDB's configuration uses
 * ({@code "10m0s"}, {@code "1h30m"}, {@code "100ms"}), extended with {@code d} and {@code w} as InfluxQL allows.
 */
public final class GoDuration {
    private GoDuration() {
    }

    public static Duration parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"\"");
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        boolean negative = false;
        int i = 0;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            i++;
        }
        long totalNanos = 0;
        boolean any = false;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw invalid(text);
            }
            double number;
            try {
                number = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unitNanos = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs", "u", "µ" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "d" -> 86_400_000_000_000L;
                case "w" -> 604_800_000_000_000L;
                default -> throw invalid(text);
            };
            totalNanos = Math.addExact(totalNanos, (long) (number * unitNanos));
            any = true;
        }
        if (!any) {
            throw invalid(text);
        }
        return Duration.ofNanos(negative ? -totalNanos : totalNanos);
    }

    /** Formats like Go's {@code Duration.String()}: {@code 0s}, {@code 1h0m0s}, {@code 10m0s}, {@code 100ms}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            if (nanos < 1_000L) {
                return sb.append(nanos).append("ns").toString();
            }
            if (nanos < 1_000_000L) {
                return sb.append(trimFraction(nanos, 1_000L)).append("µs").toString();
            }
            return sb.append(trimFraction(nanos, 1_000_000L)).append("ms").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long rem = nanos % 3_600_000_000_000L;
        long minutes = rem / 60_000_000_000L;
        long secNanos = rem % 60_000_000_000L;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        sb.append(trimFraction(secNanos, 1_000_000_000L)).append('s');
        return sb.toString();
    }

    private static String trimFraction(long value, long unit) {
        long whole = value / unit;
        long frac = value % unit;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + Long.toString(unit).length() + "d", frac).substring(1);
        return whole + "." + f.replaceAll("0+$", "");
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text + "\"");
    }
}
