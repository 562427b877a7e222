package io.tidemark.storage.tombstone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * TimeRanges against a brute-force model over a small domain of timestamps. Randomized: re-run a failure with
 * {@code -Dtests.seed=<seed>}.
 */
class TimeRangesTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final int LO = -4;
    private static final int HI = 24;

    @Test
    void normalizeMergesOverlappingAndAdjacentAndDropsEmpty() {
        assertThat(TimeRanges.normalize(new long[] {5, 9, 1, 3, 4, 4, 20, 30, 25, 26, 40, 39}, 6))
                .containsExactly(1, 9, 20, 30);
        assertThat(TimeRanges.normalize(new long[] {3, 2}, 1)).isNull();
        assertThat(TimeRanges.normalize(new long[] {1, 2, 99, 99}, 1)).containsExactly(1, 2);
    }

    @Test
    void extremesDoNotOverflow() {
        long[] all = TimeRanges.normalize(new long[] {Long.MIN_VALUE, 0, 1, Long.MAX_VALUE}, 2);
        assertThat(all).containsExactly(TimeRanges.ALL);
        assertThat(TimeRanges.covers(all, Long.MIN_VALUE)).isTrue();
        assertThat(TimeRanges.covers(all, Long.MAX_VALUE)).isTrue();
        assertThat(TimeRanges.coversAll(all, Long.MIN_VALUE, Long.MAX_VALUE)).isTrue();
        long[] ends = TimeRanges.normalize(new long[] {Long.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE}, 2);
        assertThat(ends).containsExactly(Long.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(TimeRanges.covers(ends, 0)).isFalse();
    }

    @Test
    void nullMeansNothing() {
        assertThat(TimeRanges.covers(null, 0)).isFalse();
        assertThat(TimeRanges.overlaps(null, 0, 10)).isFalse();
        assertThat(TimeRanges.coversAll(null, 0, 10)).isFalse();
        assertThat(TimeRanges.union(null, null)).isNull();
        long[] a = {1, 2};
        assertThat(TimeRanges.union(a, null)).isSameAs(a);
        assertThat(TimeRanges.union(null, a)).isSameAs(a);
    }

    @Test
    void matchesBruteForceModel() {
        Random random = new Random(SEED);
        for (int round = 0; round < 2_000; round++) {
            long[] a = randomPairs(random);
            long[] b = randomPairs(random);
            long[] na = TimeRanges.normalize(a, a.length / 2);
            long[] nb = TimeRanges.normalize(b, b.length / 2);
            long[] u = TimeRanges.union(na, nb);
            String why = "seed " + SEED + " round " + round;
            checkNormalised(na, why);
            checkNormalised(u, why);
            for (long t = LO - 1; t <= HI + 1; t++) {
                assertThat(TimeRanges.covers(na, t)).as(why + " t=" + t).isEqualTo(model(a, t));
                assertThat(TimeRanges.covers(u, t)).as(why + " t=" + t).isEqualTo(model(a, t) || model(b, t));
            }
            long min = LO + random.nextInt(HI - LO + 1);
            long max = min + random.nextInt(8);
            boolean all = na != null;
            boolean any = false;
            for (long t = min; t <= max; t++) {
                all &= model(a, t);
                any |= model(a, t);
            }
            assertThat(TimeRanges.coversAll(na, min, max)).as(why + " coversAll " + min + ".." + max).isEqualTo(all);
            assertThat(TimeRanges.overlaps(na, min, max)).as(why + " overlaps " + min + ".." + max).isEqualTo(any);
        }
    }

    private static long[] randomPairs(Random random) {
        int n = random.nextInt(6);
        long[] p = new long[2 * n];
        for (int i = 0; i < n; i++) {
            p[2 * i] = LO + random.nextInt(HI - LO + 1);
            p[2 * i + 1] = p[2 * i] + random.nextInt(6) - 1;
        }
        return p;
    }

    private static boolean model(long[] pairs, long t) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] <= t && t <= pairs[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private static void checkNormalised(long[] r, String why) {
        if (r == null) {
            return;
        }
        assertThat(r.length % 2).as(why).isZero();
        assertThat(r.length).as(why).isPositive();
        for (int i = 0; i < r.length; i += 2) {
            assertThat(r[i]).as(why).isLessThanOrEqualTo(r[i + 1]);
            if (i > 0) {
                assertThat(r[i]).as(why + ": disjoint and not adjacent").isGreaterThan(r[i - 1] + 1);
            }
        }
    }
}
