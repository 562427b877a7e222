package io.tidemark.storage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A range excludes a block exactly when no value between its minimum and maximum lies inside it. */
class ValueRangeTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void excludesAllAgreesWithContainsOverTheBlocksValues() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int rep = 0; rep < 2_000; rep++) {
            double a = rnd.nextInt(-10, 10) / 2.0;
            double b = a + rnd.nextInt(0, 10) / 2.0;
            ValueRange range = new ValueRange(a, rnd.nextBoolean(), b, rnd.nextBoolean());
            double min = rnd.nextInt(-12, 12) / 2.0;
            double max = min + rnd.nextInt(0, 12) / 2.0;
            boolean anyInside = false;
            for (double v = min; v <= max; v += 0.25) {
                anyInside |= range.contains(v);
            }
            assertThat(range.excludesAll(min, max)).as("%s, block [%s, %s], seed %d", range, min, max, SEED)
                    .isEqualTo(!anyInside);
        }
    }

    @Test
    void nanIsNeverInsideAndANanMaximumExcludesOnlyByTheMinimum() {
        ValueRange above = ValueRange.above(4, false);
        assertThat(above.contains(Double.NaN)).isFalse();
        assertThat(above.excludesAll(1, Double.NaN)).isFalse();
        assertThat(ValueRange.below(0, true).excludesAll(1, Double.NaN)).isTrue();
        assertThat(ValueRange.exactly(0).contains(-0.0)).isTrue();
        assertThat(ValueRange.above(Double.NEGATIVE_INFINITY, false).contains(Double.NEGATIVE_INFINITY)).isFalse();
    }
}
