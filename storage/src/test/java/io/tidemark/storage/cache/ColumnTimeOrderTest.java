package io.tidemark.storage.cache;

import static io.tidemark.storage.cache.ColumnReads.expected;
import static io.tidemark.storage.cache.ColumnReads.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A column tells timestamps in order from timestamps out of order without a branch; reads must come out sorted and
 * deduplicated whichever it was, from the extremes of the timestamp range too, and whenever the disorder starts.
 */
class ColumnTimeOrderTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final long[] EDGES = {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE + 2, -2, -1, 0, 1, 2,
            Long.MAX_VALUE - 2, Long.MAX_VALUE - 1, Long.MAX_VALUE};

    @Test
    void lessThanAgreesWithTheComparisonOperatorAlsoWhereTheDifferenceOverflows() {
        for (long x : EDGES) {
            for (long y : EDGES) {
                assertThat(Column.lessThan(x, y)).as("%d < %d", x, y).isEqualTo(x < y ? 1 : 0);
            }
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 100_000; i++) {
            long x = rnd.nextLong();
            long y = rnd.nextInt(4) == 0 ? x + rnd.nextInt(-2, 3) : rnd.nextLong();
            assertThat(Column.lessThan(x, y)).as("seed %d: %d < %d", SEED, x, y).isEqualTo(x < y ? 1 : 0);
        }
    }

    @Test
    void readsAreSortedWhereverTheFirstTimestampOutOfOrderComes() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        ChunkPacker packer = new ChunkPacker();
        for (int round = 0; round < 200; round++) {
            Column c = new Column(new FieldDef(ByteKey.of("f"), FieldType.INTEGER));
            TreeMap<Long, Long> model = new TreeMap<>();
            int n = 1 + rnd.nextInt(300);
            int disorderFrom = rnd.nextInt(n + 1);
            long t = -9_223_372_036_854_775_806L + rnd.nextInt(3); // InfluxDB's minimum time and just above
            for (int i = 0; i < n; i++) {
                t = i < disorderFrom ? t + 1 + rnd.nextInt(1_000) : t - 500 + rnd.nextInt(1_000);
                c.append(t, i);
                model.put(t, (long) i);
                if (rnd.nextInt(16) == 0) {
                    c.publish(packer);
                    assertThat(read(c, Long.MIN_VALUE, Long.MAX_VALUE)).as("seed %d round %d after %d", SEED, round, i)
                            .isEqualTo(expected(model, Long.MIN_VALUE, Long.MAX_VALUE));
                }
            }
            c.publish(packer);
            assertThat(read(c, Long.MIN_VALUE, Long.MAX_VALUE)).as("seed %d round %d", SEED, round)
                    .isEqualTo(expected(model, Long.MIN_VALUE, Long.MAX_VALUE));
        }
    }
}
