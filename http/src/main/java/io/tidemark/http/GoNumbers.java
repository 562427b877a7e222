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
        double abs = Math.abs(d);
        BigDecimal exact = new BigDecimal(Double.toString(d));
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
