package io.tidemark.query.agg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * top() and bottom() keep only the best {@code n} points, and give exactly what sorting every point gives: the
 * first {@code n} by value, then time, then arrival. Randomized with many ties; re-run a failure with
 * {@code -Dtests.seed=<seed>}.
 */
class TopBottomReducerTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void keepsTheBestNAsSortingEveryPointWould() {
        Random random = new Random(SEED);
        for (int round = 0; round < 300; round++) {
            boolean top = random.nextBoolean();
            int n = 1 + random.nextInt(12);
            int points = random.nextInt(400);
            TopBottomReducer reducer = new TopBottomReducer(top, n, List.of());
            List<AggPoint> all = new ArrayList<>();
            long held = reducer.fixedBytes();
            long time = 0;
            for (int i = 0; i < points; i++) {
                time += random.nextInt(3) - 1;
                Object value = random.nextBoolean() ? (Object) (long) random.nextInt(20)
                        : (Object) (random.nextInt(20) / 2.0);
                Object[] aux = {"row" + i};
                all.add(new AggPoint(time, value, aux));
                held += reducer.add(time, value, aux, null);
            }
            Comparator<AggPoint> byValue = (a, b) -> Values.compare(a.value(), b.value());
            all.sort((top ? byValue.reversed() : byValue).thenComparingLong(AggPoint::time));
            List<AggPoint> expected = all.subList(0, Math.min(n, all.size()));
            assertThat(reducer.emit()).as("seed %d round %d", SEED, round)
                    .usingElementComparator(Comparator.comparingLong(AggPoint::time)
                            .thenComparing(p -> (String) p.aux()[0]))
                    .containsExactlyElementsOf(expected);
            long kept = 0;
            for (AggPoint p : expected) {
                kept += p.estimatedBytes();
            }
            assertThat(held).as("seed %d round %d", SEED, round).isGreaterThanOrEqualTo(kept)
                    .isLessThanOrEqualTo(reducer.fixedBytes() + n * 300L);
        }
    }
}
