package io.tidemark.storage.cache;

import static io.tidemark.storage.cache.ColumnReads.expected;
import static io.tidemark.storage.cache.ColumnReads.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A column reads the same through packed and raw chunks: every range, in order or not, the last write of a
 * timestamp winning; and its account shrinks by what packing gave back.
 */
class ColumnPackingTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void readsTheSameThroughPackedChunks() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        ChunkPacker packer = new ChunkPacker();
        for (int round = 0; round < 60; round++) {
            boolean inOrder = rnd.nextBoolean();
            FieldType type = rnd.nextBoolean() ? FieldType.INTEGER : FieldType.FLOAT;
            Column c = new Column(new FieldDef(ByteKey.of("f"), type));
            TreeMap<Long, Long> model = new TreeMap<>();
            long accountUnpacked = 0;
            long gave = 0;
            int n = rnd.nextInt(3_000);
            long t = rnd.nextLong(-1_000_000, 1_000_000);
            for (int i = 0; i < n; i++) {
                t = inOrder ? t + 1 + rnd.nextInt(20) : rnd.nextLong(-2_000, 2_000);
                long v = rnd.nextInt(10) == 0 ? rnd.nextLong() : rnd.nextInt(100);
                accountUnpacked += c.append(t, v);
                model.put(t, v);
                if (rnd.nextInt(40) == 0) {
                    gave += c.publish(packer);
                }
            }
            gave += c.publish(packer);
            String as = "seed " + SEED + " round " + round + " in order " + inOrder + " n=" + n;
            assertThat(gave).as(as).isBetween(0L, accountUnpacked);
            if (inOrder && n > 500) {
                assertThat(gave).as(as + ": full chunks were packed").isPositive();
            }
            assertThat(read(c, Long.MIN_VALUE, Long.MAX_VALUE)).as(as).isEqualTo(expected(model, Long.MIN_VALUE,
                    Long.MAX_VALUE));
            // Ranges that start or end on the first or last value of a chunk (8, 32, then 64 values).
            List<Long> keys = new ArrayList<>(model.keySet());
            for (int boundary = 8, capacity = 32; boundary <= keys.size() + 1; boundary += capacity,
                    capacity = 64) {
                for (int at = boundary - 2; at <= boundary + 1; at++) {
                    if (at < 0 || at >= keys.size()) {
                        continue;
                    }
                    long k = keys.get(at);
                    for (long[] r : new long[][] {{k, k}, {k, k + rnd.nextInt(60)}, {k - rnd.nextInt(60), k}}) {
                        assertThat(read(c, r[0], r[1])).as(as + " range " + r[0] + ".." + r[1])
                                .isEqualTo(expected(model, r[0], r[1]));
                    }
                }
            }
            for (int q = 0; q < 20 && !model.isEmpty(); q++) {
                long a = model.firstKey() + rnd.nextLong(-10, 2 + model.lastKey() - model.firstKey());
                long b = a + rnd.nextLong(0, 2_000);
                assertThat(read(c, a, b)).as(as + " range " + a + ".." + b).isEqualTo(expected(model, a, b));
            }
        }
    }
}
