package io.tidemark.influxql.ast;

import java.math.BigDecimal;

/**
 * A float literal such as {@code 1.5} or {@code .25}. Printed with the shortest digits that read back as the same
 * double, always with a decimal point (InfluxDB 1.8 printed three decimals, which lost precision when a continuous
 * query was stored and read back; later influxql releases print full precision as here).
 */
public record NumberLiteral(double value) implements Expr {
    @Override
    public String toString() {
        return format(value);
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        } else if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String s = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        if (v == 0 && 1 / v < 0) {
            s = "-0";
        }
        return s.indexOf('.') >= 0 ? s : s + ".0";
    }
}
