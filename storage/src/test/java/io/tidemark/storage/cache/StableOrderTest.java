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
}
