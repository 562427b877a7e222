package io.tidemark.http;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers written the way Go's encoding/json writes a float64, so that responses read the same as InfluxDB's. */
final class GoNumbers {
    private GoNumbers() {
    }

    /**
     * Go uses the shortest representation that round-trips, in plain notation unless the exponent is below -6 or
     * at least 21, and writes integral values without a fraction ({@code 2}, not {@code 2.0}).
     */
    static String formatFloat(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        String shortest = Double.toString(d);
        if (shortest.indexOf('E') < 0) {
            // Plain already (1e-3 <= |d| < 1e7), with no trailing zeros but a lone ".0".
            return shortest.endsWith(".0") ? shortest.substring(0, shortest.length() - 2) : shortest;
        }
        double abs = Math.abs(d);
        BigDecimal exact = abs < Double.MIN_NORMAL ? shortestSubnormal(d) : new BigDecimal(shortest);
        if (abs < 1e21 && abs >= 1e-6) {
            return exact.stripTrailingZeros().toPlainString();
        }
        // Scientific form, Go style: 1e+21, 1.5e-7 (strconv pads the exponent to two digits, and encoding/json
        // takes the padding off a negative one: "clean up e-09 to e-9").
        BigDecimal stripped = exact.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        BigDecimal mantissa = stripped.movePointLeft(exponent);
        String m = mantissa.stripTrailingZeros().toPlainString();
        int e = Math.abs(exponent);
        return exponent < 0 ? m + "e-" + e : m + "e+" + (e < 10 ? "0" + e : Integer.toString(e));
    }

    /**
     * The fewest digits that read back as {@code d}. Java's own text of a subnormal may have a digit more than
     * needed ({@code Double.MIN_VALUE} is "4.9E-324", Go's "5e-324"): it writes at least two digits, the two closest
     * to the exact value, where a normal double's two are always the shortest's and a zero.
     */
    private static BigDecimal shortestSubnormal(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; ; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate;
            }
        }
    }
}
