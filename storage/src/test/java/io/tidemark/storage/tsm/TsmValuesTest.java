package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The per-type block statistics loops against the generic comparison loop they replace. Randomized: re-run a failure
 * with {@code -Dtests.seed=<seed>}.
 */
class TsmValuesTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    private static final long[] FLOAT_EDGES = {
        Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(1.0),
        Double.doubleToRawLongBits(-1.0), Double.doubleToRawLongBits(Double.MAX_VALUE),
        Double.doubleToRawLongBits(-Double.MAX_VALUE), Double.doubleToRawLongBits(Double.MIN_VALUE),
        Double.doubleToRawLongBits(-Double.MIN_VALUE), Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
        Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), 0x7ff8000000000000L, // the canonical NaN
        0x7ff0000000000001L, 0x7fffffffffffffffL, 0xfff8000000000000L, 0xfff0000000000001L, // NaNs, some negative
    };
    private static final long[] LONG_EDGES = {
        0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, 1L << 63 >>> 1,
    };

    /** The loop the per-type ones replace: the first value no other sorts before (or after). */
    private static long reference(FieldType type, long[] values, int from, int count, boolean largest) {
        long best = values[from];
        for (int i = from + 1; i < from + count; i++) {
            int c = TsmValues.compare(type, values[i], best);
            if (largest ? c > 0 : c < 0) {
                best = values[i];
            }
        }
        return best;
    }

    private static long draw(SplittableRandom rnd, FieldType type) {
        return switch (type) {
            case FLOAT -> switch (rnd.nextInt(3)) {
                case 0 -> FLOAT_EDGES[rnd.nextInt(FLOAT_EDGES.length)];
                case 1 -> Double.doubleToRawLongBits(rnd.nextInt(7) - 3.0);
                default -> rnd.nextLong(); // any bits, NaN payloads included
            };
            case INTEGER, UNSIGNED -> switch (rnd.nextInt(3)) {
                case 0 -> LONG_EDGES[rnd.nextInt(LONG_EDGES.length)];
                case 1 -> rnd.nextInt(7) - 3;
                default -> rnd.nextLong();
            };
            case BOOLEAN -> rnd.nextInt(2);
            case STRING -> throw new IllegalArgumentException();
        };
    }

    @Test
    void perTypeLoopsAgreeWithTheComparisonLoop() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        FieldType[] types = {FieldType.FLOAT, FieldType.INTEGER, FieldType.UNSIGNED, FieldType.BOOLEAN};
        for (int round = 0; round < 20_000; round++) {
            FieldType type = types[rnd.nextInt(types.length)];
            int from = rnd.nextInt(3);
            int count = 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 300);
            long[] values = new long[from + count + rnd.nextInt(3)];
            for (int i = 0; i < values.length; i++) {
                values[i] = draw(rnd, type);
            }
            String what = "seed " + SEED + " round " + round + " " + type;
            assertThat(TsmValues.min(type, values, from, count)).as(what + " min")
                    .isEqualTo(reference(type, values, from, count, false));
            assertThat(TsmValues.max(type, values, from, count)).as(what + " max")
                    .isEqualTo(reference(type, values, from, count, true));
        }
    }

    @Test
    void floatStatisticsOrderNegativeZeroAndNaNLikeDoubleCompare() {
        long negZero = Double.doubleToRawLongBits(-0.0);
        long zero = Double.doubleToRawLongBits(0.0);
        long nanA = 0x7ff0000000000001L;
        long nanB = 0xfff8000000000000L; // sign bit set: still above everything, equal to other NaNs
        long[] values = {zero, nanA, negZero, nanB, Double.doubleToRawLongBits(Double.POSITIVE_INFINITY)};
        assertThat(TsmValues.min(FieldType.FLOAT, values, 0, values.length)).isEqualTo(negZero);
        assertThat(TsmValues.max(FieldType.FLOAT, values, 0, values.length)).isEqualTo(nanA);
        assertThat(TsmValues.max(FieldType.FLOAT, values, 2, 2)).isEqualTo(nanB);
    }

    @Test
    void unsignedStatisticsUseTheUnsignedOrder() {
        long[] values = {1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0};
        assertThat(TsmValues.min(FieldType.UNSIGNED, values, 0, 4)).isEqualTo(1);
        assertThat(TsmValues.max(FieldType.UNSIGNED, values, 0, 4)).isEqualTo(-1);
        assertThat(TsmValues.min(FieldType.UNSIGNED, values, 0, 5)).isZero();
        assertThat(TsmValues.min(FieldType.INTEGER, values, 0, 4)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void stringsAndEmptyRangesHaveNoExtremes() {
        assertThatThrownBy(() -> TsmValues.min(FieldType.STRING, new long[1], 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TsmValues.max(FieldType.INTEGER, new long[1], 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
