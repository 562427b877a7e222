package io.tidemark.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every decimal must convert to exactly the double {@link Double#parseDouble} (correctly rounded) gives. Re-run a
 * failure with {@code -Dtests.seed=<seed>}.
 */
class DecimalFloatsTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    private static void assertParsesLikeJdk(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        double expected = Double.parseDouble(text);
        double actual = DecimalFloats.parse(b, 0, b.length);
        assertThat(Double.doubleToRawLongBits(actual)).as("seed %d: %s -> %s, expected %s", SEED, text, actual,
                expected).isEqualTo(Double.doubleToRawLongBits(expected));
    }

    @Test
    void hardCases() {
        String[] cases = {"0", "-0", "0.0", "-0.0", "1", "1.", ".5", "-.5", "9007199254740993", "9007199254740992",
            "9007199254740995", "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "1e309", "1e-400", "123456789012345678901234567890", "0.000000000000000000000000000001",
            "7.038531e-26", "37.82735283741538", "1e23", "8.41e21", "5e-324", "1e22", "1E+78", "1.e+78",
            "0.1", "0.2", "0.3", "100", "99.99999999999999999999", "18446744073709551615", "18446744073709551616",
            "9999999999999999999", "1000000000000000000000000e-24", "00000000000000000000000012.5"};
        for (String c : cases) {
            assertParsesLikeJdk(c);
        }
    }

    @Test
    void shortestRepresentationsOfRandomDoubles() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 200_000; i++) {
            double d = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            assertParsesLikeJdk(Double.toString(d));
            if (i % 20 == 0) {
                assertParsesLikeJdk(new BigDecimal(d).toPlainString()); // long exact expansions
            }
        }
    }

    @Test
    void randomDigitStrings() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            if (rnd.nextBoolean()) {
                sb.append('-');
            }
            int digits = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 30 : 19);
            int dot = rnd.nextInt(digits + 1);
            for (int k = 0; k < digits; k++) {
                if (k == dot) {
                    sb.append('.');
                }
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            if (rnd.nextBoolean()) {
                sb.append(rnd.nextBoolean() ? 'e' : 'E').append(rnd.nextInt(-345, 330));
            }
            assertParsesLikeJdk(sb.toString());
        }
    }

    @Test
    void fromDecimalIsExactWheneverItAnswers() {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        int answered = 0;
        for (int i = 0; i < 200_000; i++) {
            long mantissa = rnd.nextInt(3) == 0 ? rnd.nextLong(1, 10_000) : rnd.nextLong() & Long.MAX_VALUE;
            if (rnd.nextBoolean()) {
                mantissa = Long.parseUnsignedLong("9" + Long.toString(Math.abs(mantissa % 1_000_000_000_000_000L)));
            }
            int exp = rnd.nextInt(-360, 330);
            double d = DecimalFloats.fromDecimal(mantissa, exp, false);
            if (Double.isNaN(d)) {
                continue;
            }
            answered++;
            double expected = Double.parseDouble(Long.toUnsignedString(mantissa) + "e" + exp);
            assertThat(d).as("seed %d: %se%d", SEED, Long.toUnsignedString(mantissa), exp).isEqualTo(expected);
        }
        assertThat(answered).isGreaterThan(150_000);
    }
}
