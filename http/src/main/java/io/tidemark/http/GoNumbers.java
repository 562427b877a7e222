package io.tidemark.http;

import java.math.BigDecimal;

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
        BigDecimal exact = new BigDecimal(shortest);
        if (abs < 1e21 && abs >= 1e-6) {
            return exact.stripTrailingZeros().toPlainString();
        }
        // Scientific form, Go style: 1e+21, 1.5e-07.
        BigDecimal stripped = exact.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        BigDecimal mantissa = stripped.movePointLeft(exponent);
        String m = mantissa.stripTrailingZeros().toPlainString();
        String sign = exponent < 0 ? "-" : "+";
        int e = Math.abs(exponent);
        return m + "e" + sign + (e < 10 ? "0" + e : Integer.toString(e));
    }
}
