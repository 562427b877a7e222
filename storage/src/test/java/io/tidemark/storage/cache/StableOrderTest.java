package io.tidemark.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StableOrderTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /** The reference: the JDK's stable object sort of the indexes by time. */
    private static int[] reference(long[] times, int n) {
        return IntStream.range(0, n).boxed().sorted(Comparator.comparingLong(i -> times[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    void ordersLikeAStableSortForRunsDuplicatesAndRandomData() {
        Random rnd = new Random(SEED);
        for (int round = 0; round < 2_000; round++) {
            int n = rnd.nextInt(300);
            long[] times = new long[n + rnd.nextInt(3)];
            int shape = rnd.nextInt(4);
            long t = rnd.nextInt(100);
            for (int i = 0; i < n; i++) {
                times[i] = switch (shape) {
                    case 0 -> rnd.nextInt(20);                                   // many duplicates
                    case 1 -> rnd.nextLong();                                    // random
                    case 2 -> (t += rnd.nextInt(3)) - (rnd.nextInt(10) == 0 ? rnd.nextInt(50) : 0); // few runs
                    default -> i % 37 == 0 ? (t -= 500) : (t += 1);            // out-of-order batches
                };
            }
            assertThat(StableOrder.byTime(times, n)).as("seed %d round %d", SEED, round)
                    .containsExactly(reference(times, n));
        }
    }

    @Test
    void aMomentSharedByTwoBatchesKeepsTheLaterWriteLast() {
        // The second batch is earlier in time but ends on the moment the first begins with: its value was written
        // later and must come after the first batch's.
        long[] times = {100, 110, 120, 90, 95, 100};
        assertThat(StableOrder.byTime(times, 6)).containsExactly(3, 4, 0, 5, 1, 2);
    }

    @Test
    void batchesOfConcurrentWritersLandOutOfOrder() {
        Random rnd = new Random(SEED);
        for (int round = 0; round < 2_000; round++) {
            // Batches of consecutive times, applied in a shuffled order; sometimes two batches share a moment (then
            // the later-applied value must come last) or a batch repeats a time inside it.
            int batches = 1 + rnd.nextInt(40);
            int[] order = IntStream.range(0, batches).toArray();
            for (int i = batches - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int x = order[i];
                order[i] = order[j];
                order[j] = x;
            }
            int size = 1 + rnd.nextInt(30);
            long[] times = new long[batches * size];
            int n = 0;
            for (int b : order) {
                for (int k = 0; k < size; k++) {
                    times[n++] = 1_000L * b + 10L * k;
                }
            }
            if (rnd.nextBoolean() && n > 1) {
                int i = rnd.nextInt(n - 1);
                times[i + 1] = times[i] + (rnd.nextBoolean() ? 0 : 10L * size); // a shared moment, or an overlap
            }
            assertThat(StableOrder.byTime(times, n)).as("seed %d round %d", SEED, round)
                    .containsExactly(reference(times, n));
        }
    }
}
