package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Floats are written as Go's encoding/json writes them: checked against a slow reference that spells the shortest
 * round-tripping decimal out with BigDecimal, over fixed cases and random doubles of every magnitude. Randomized:
 * re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class GoNumbersTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /** Plain notation for 1e-6 <= |d| < 1e21, else Go's scientific form with a two-digit exponent at least. */
    private static String reference(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs < 1e21 && abs >= 1e-6) {
            return exact.toPlainString();
        }
        int exponent = exact.precision() - exact.scale() - 1;
        String m = exact.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        int e = Math.abs(exponent);
        return exponent < 0 ? m + "e-" + e : m + "e+" + (e < 10 ? "0" + e : Integer.toString(e));
    }

    @Test
    void fixedCases() {
        assertThat(GoNumbers.formatFloat(2.0)).isEqualTo("2");
        assertThat(GoNumbers.formatFloat(-0.0)).isEqualTo("-0");
        assertThat(GoNumbers.formatFloat(0.001)).isEqualTo("0.001");
        // InfluxDB 1.6.7 answers 1e-7 and 3.3333333333333334e-8 for these (encoding/json drops the padding).
        assertThat(GoNumbers.formatFloat(1e-7)).isEqualTo("1e-7");
        assertThat(GoNumbers.formatFloat(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(GoNumbers.formatFloat(1e-7 / 3)).isEqualTo("3.3333333333333334e-8");
        assertThat(GoNumbers.formatFloat(2.5e-100)).isEqualTo("2.5e-100");
        // Subnormals: the fewest digits, where Java's text has one more (InfluxDB 1.6.7 answers 5e-324).
        assertThat(GoNumbers.formatFloat(Double.MIN_VALUE)).isEqualTo("5e-324");
        assertThat(GoNumbers.formatFloat(-3 * Double.MIN_VALUE)).isEqualTo("-1.5e-323");
        assertThat(GoNumbers.formatFloat(1e21)).isEqualTo("1e+21");
        assertThat(GoNumbers.formatFloat(12345678.0)).isEqualTo("12345678");
        assertThat(GoNumbers.formatFloat(9999999.5)).isEqualTo("9999999.5");
        assertThat(GoNumbers.formatFloat(-123.456)).isEqualTo("-123.456");
        assertThat(GoNumbers.formatFloat(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }

    @Test
    void randomDoublesOfEveryMagnitudeMatchTheReference() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(-9, 24));
                case 2 -> Math.round(rnd.nextDouble() * 1e6) / Math.pow(10, rnd.nextInt(0, 8));
                default -> -(double) rnd.nextLong(1L << 53) / (1L << rnd.nextInt(0, 60));
            };
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            assertThat(GoNumbers.formatFloat(d)).as("%s (bits %x), seed %d", d, Double.doubleToRawLongBits(d), SEED)
                    .isEqualTo(reference(d));
        }
    }
}
