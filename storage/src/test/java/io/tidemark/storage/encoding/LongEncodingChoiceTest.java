package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The long encoder's choice, which sizes simple8b candidates only when a lower bound lets them win and reuses the
 * Huffman code it sized, against the rule it implements: encode every candidate in full, keep the smallest (the
 * earlier on a tie), raw if that is no smaller. Randomized: re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class LongEncodingChoiceTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final Encoding[] CANDIDATES = {Encoding.LONG_DELTA, Encoding.LONG_DELTA_OF_DELTA,
        Encoding.LONG_DELTA_HUFFMAN, Encoding.LONG_DELTA_OF_DELTA_HUFFMAN};

    private static byte[] encodeAs(LongColumnEncoder encoder, Encoding e, long[] values, int from, int count) {
        ByteSink sink = new ByteSink();
        try {
            encoder.encodeAs(e, values, from, count, sink);
        } catch (IllegalArgumentException impossible) {
            return null;
        }
        return sink.toByteArray();
    }

    /** The smallest full encoding of a column that is not one constant step (count >= 3). */
    private static byte[] reference(long[] values, int from, int count) {
        LongColumnEncoder encoder = new LongColumnEncoder();
        byte[] best = null;
        for (Encoding e : CANDIDATES) {
            byte[] bytes = encodeAs(encoder, e, values, from, count);
            if (bytes != null && (best == null || bytes.length < best.length)) {
                best = bytes;
            }
        }
        byte[] raw = encodeAs(encoder, Encoding.LONG_RAW, values, from, count);
        return best.length >= raw.length ? raw : best;
    }

    private static boolean constantStep(long[] values, int from, int count) {
        for (int i = from + 2; i < from + count; i++) {
            if (values[i] - values[i - 1] != values[from + 1] - values[from]) {
                return false;
            }
        }
        return true;
    }

    private static long[] column(SplittableRandom rnd, int n) {
        return switch (rnd.nextInt(6)) {
            case 0 -> LongColumns.timestamps(rnd, n);
            case 1, 2 -> LongColumns.integers(rnd, n);
            case 3 -> LongColumns.unsigned(rnd, n);
            case 4 -> {
                // Small deltas with rare wide ones: simple8b and Huffman sizes close to each other.
                long[] v = new long[n];
                long x = 0;
                for (int i = 0; i < n; i++) {
                    x += rnd.nextInt(40) == 0 ? rnd.nextLong(1L << rnd.nextInt(1, 62)) : rnd.nextInt(3);
                    v[i] = x;
                }
                yield v;
            }
            default -> {
                // Deltas straddling the simple8b limit of 60 bits.
                long[] v = new long[n];
                for (int i = 1; i < n; i++) {
                    v[i] = v[i - 1] + (rnd.nextBoolean() ? (1L << 59) + rnd.nextInt(3) : rnd.nextInt(2));
                }
                yield v;
            }
        };
    }

    @Test
    void choosesWhatSizingEveryCandidateInFullWouldChoose() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        LongColumnEncoder encoder = new LongColumnEncoder(); // reused, as writers reuse theirs
        int checked = 0;
        for (int round = 0; round < 4_000; round++) {
            int n = 3 + rnd.nextInt(rnd.nextBoolean() ? 10 : 1_200);
            long[] values = column(rnd, n);
            int from = rnd.nextInt(Math.min(3, n - 2));
            int count = n - from;
            if (count < 3 || constantStep(values, from, count)) {
                continue;
            }
            ByteSink sink = new ByteSink();
            encoder.encode(values, from, count, sink);
            assertThat(sink.toByteArray()).as("seed %d round %d %s", SEED, round, Arrays.toString(values))
                    .isEqualTo(reference(values, from, count));
            checked++;
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    @Test
    void simple8bSizeIsExactWithinTheBoundAndRefusedBeyondIt() {
        SplittableRandom rnd = new SplittableRandom(SEED ^ 1);
        for (int round = 0; round < 2_000; round++) {
            int n = 1 + rnd.nextInt(600);
            long[] v = new long[n];
            int width = rnd.nextInt(62);
            for (int i = 0; i < n; i++) {
                v[i] = width == 0 ? 0 : rnd.nextLong() >>> (64 - rnd.nextInt(1, width + 1));
            }
            String what = "seed " + (SEED ^ 1) + " round " + round;
            if (!Simple8b.canPack(v, 0, n)) {
                assertThat(LongColumnEncoder.simple8bBytes(v, 0, n, Long.MAX_VALUE - 1)).as(what)
                        .isEqualTo(Long.MAX_VALUE);
                continue;
            }
            long exact = 8L * Simple8b.wordCount(v, 0, n);
            assertThat(LongColumnEncoder.simple8bBytes(v, 0, n, exact)).as(what).isEqualTo(exact);
            assertThat(LongColumnEncoder.simple8bBytes(v, 0, n, Long.MAX_VALUE - 1)).as(what).isEqualTo(exact);
            long below = LongColumnEncoder.simple8bBytes(v, 0, n, exact - 1);
            assertThat(below == Long.MAX_VALUE || below == exact).as(what).isTrue();
        }
    }
}
