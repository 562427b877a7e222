package io.tidemark.common;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number as it was written, which InfluxDB (Go's {@code json.Number}) turns into a value only where it is
 * used: a number written with a decimal point is a float ({@code strconv.ParseFloat}), any other an integer
 * ({@code strconv.ParseInt}), so {@code 1e3} is refused as an integer and {@code 1.0} is a float.
 *
 * @param text the number's JSON text
 */
public record GoJsonNumber(String text) {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * The number as a {@code Long} or a {@code Double}, as InfluxDB converts it.
     *
     * @throws IllegalArgumentException with Go's {@code strconv} error text when the conversion fails
     */
    public Object value() {
        if (text.contains(".")) {
            return parseFloat();
        }
        return parseInt();
    }

    private Double parseFloat() {
        BigDecimal exact;
        try {
            exact = new BigDecimal(text);
        } catch (NumberFormatException e) {
            // Well-formed JSON, so the exponent is beyond an int: a huge number overflows, a tiny one is zero.
            int exponent = Math.max(text.indexOf('e'), text.indexOf('E'));
            if (exponent < 0) {
                throw failure("ParseFloat", "invalid syntax");
            }
            boolean zero = text.substring(0, exponent).chars().allMatch(c -> c == '0' || c == '.' || c == '-');
            if (!zero && text.charAt(exponent + 1) != '-') {
                throw failure("ParseFloat", "value out of range");
            }
            return text.startsWith("-") ? -0.0 : 0.0;
        }
        double d = exact.doubleValue();
        if (Double.isInfinite(d)) {
            // Go rounds to the nearest double and reports only an overflow to infinity; an underflow is 0.
            throw failure("ParseFloat", "value out of range");
        }
        return d;
    }

    private Long parseInt() {
        int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (start == text.length()) {
            throw failure("ParseInt", "invalid syntax");
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw failure("ParseInt", "invalid syntax");
            }
        }
        BigInteger v = new BigInteger(text);
        if (v.compareTo(LONG_MIN) < 0 || v.compareTo(LONG_MAX) > 0) {
            throw failure("ParseInt", "value out of range");
        }
        return v.longValue();
    }

    private IllegalArgumentException failure(String function, String reason) {
        // A JSON number holds no character that Go's %q would escape.
        return new IllegalArgumentException("strconv." + function + ": parsing \"" + text + "\": " + reason);
    }
}
