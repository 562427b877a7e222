package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one-pass selector choice of {@link Simple8b} is the greedy rule by definition: the first selector whose width
 * holds all the values it would take. Randomized: re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class Simple8bTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /** The rule, checked selector by selector. */
    private static int firstFittingSelector(long[] values, int i, int remaining) {
        for (int selector = 0; selector < 16; selector++) {
            int n = Math.min(Simple8b.valuesPerWord(selector), remaining);
            int bits = Simple8b.bitsPerValue(selector);
            boolean fits = true;
            for (int k = 0; k < n && fits; k++) {
                fits = 64 - Long.numberOfLeadingZeros(values[i + k]) <= bits;
            }
            if (fits) {
                return selector;
            }
        }
        throw new AssertionError("no selector fits");
    }

    @Test
    void choosesTheFirstSelectorThatFits() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int rep = 0; rep < 20_000; rep++) {
            int n = 1 + rnd.nextInt(300);
            long[] v = new long[n];
            int maxBits = rnd.nextInt(61);
            int zeroOneIn = 1 + rnd.nextInt(8);
            for (int j = 0; j < n; j++) {
                v[j] = rnd.nextInt(zeroOneIn) == 0 ? 0 : rnd.nextLong(1L << maxBits);
            }
            for (int i = 0; i < n; ) {
                int expected = firstFittingSelector(v, i, n - i);
                assertThat(Simple8b.selectorAt(v, i, n - i)).as("at %d of %s, seed %d", i,
                        ColumnCodecContractTest.preview(v), SEED).isEqualTo(expected);
                i += Math.min(Simple8b.valuesPerWord(expected), n - i);
            }
        }
    }
}
