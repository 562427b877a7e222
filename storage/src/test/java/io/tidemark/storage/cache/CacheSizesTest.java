package io.tidemark.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import org.junit.jupiter.api.Test;

/**
 * The column account that reservations rely on: what a column's appends return is {@link CacheSizes#accountedBytes}
 * of its value count, which covers the chunks really allocated, and {@link CacheSizes#maxGrowth} is its largest
 * growth over every state.
 */
class CacheSizesTest {
    private static final int MAX_VALUES = 3_000;

    private static Column column(FieldType type) {
        return new Column(new FieldDef(ByteKey.of("f"), type));
    }

    /** Bytes of the chunks a column of n values allocated, from the documented growth: 8, 32, then 64. */
    private static long chunksOf(long n, boolean strings) {
        long bytes = 0;
        long start = 0;
        for (int capacity : new int[] {8, 32}) {
            if (start < n) {
                bytes += CacheSizes.chunkBytes(capacity, strings);
            }
            start += capacity;
        }
        for (; start < n; start += 64) {
            bytes += CacheSizes.chunkBytes(64, strings);
        }
        return bytes;
    }

    @Test
    void appendsReturnTheAccountOfTheValueCount() {
        for (FieldType type : FieldType.values()) {
            boolean strings = type == FieldType.STRING;
            Column c = column(type);
            long account = 0;
            byte[] s = {'x', 'y', 'z'};
            for (int n = 1; n <= MAX_VALUES; n++) {
                account += strings ? c.appendString(n, s, 0, 3) - CacheSizes.stringBytes(3) : c.append(n, n);
                assertThat(account).as("%s after %d values", type, n).isEqualTo(CacheSizes.accountedBytes(n, strings));
            }
        }
    }

    @Test
    void theAccountCoversTheChunksAndPrepaysAtMostTheNextOne() {
        for (boolean strings : new boolean[] {false, true}) {
            assertThat(CacheSizes.accountedBytes(0, strings)).isZero();
            for (long n = 1; n <= MAX_VALUES; n++) {
                long chunks = chunksOf(n, strings);
                long m = n + 1;
                while (chunksOf(m, strings) == chunks) {
                    m++;
                }
                long next = chunksOf(m, strings) - chunks;
                assertThat(CacheSizes.accountedBytes(n, strings)).as("n=%d strings=%s", n, strings)
                        .isBetween(chunks, chunks + next);
                if (chunksOf(n + 1, strings) > chunks) {
                    assertThat(CacheSizes.accountedBytes(n, strings)).as("full at n=%d: next chunk paid", n)
                            .isEqualTo(chunksOf(n + 1, strings));
                }
            }
            assertThat(CacheSizes.accountedBytes(1, strings)).as("a first value pays for its chunk only")
                    .isEqualTo(CacheSizes.chunkBytes(8, strings));
        }
    }

    @Test
    void nothingIsPrepaidFromTheUnprepaidFreeSlotsOn() {
        for (boolean strings : new boolean[] {false, true}) {
            for (int next = 0; next < 6; next++) {
                int from = CacheSizes.unprepaidFreeSlots(next, strings);
                for (int free = 0; free <= 64; free++) {
                    assertThat(CacheSizes.prepaidBytes(next, free, strings) == 0)
                            .as("next chunk %d, %d free slots, strings=%s", next, free, strings)
                            .isEqualTo(free >= from);
                }
            }
        }
    }

    @Test
    void maxGrowthIsTheLargestGrowthOverEveryState() {
        for (boolean strings : new boolean[] {false, true}) {
            for (int k = 0; k <= 1_500; k++) {
                long max = 0;
                for (long n = 0; n < 2_000; n++) {
                    max = Math.max(max, CacheSizes.accountedBytes(n + k, strings) - CacheSizes.accountedBytes(n, strings));
                }
                assertThat(CacheSizes.maxGrowth(k, strings)).as("k=%d strings=%s", k, strings).isEqualTo(max);
            }
        }
    }

    @Test
    void oneValuePerColumnReservesWhatANewColumnCosts() {
        for (boolean strings : new boolean[] {false, true}) {
            assertThat(CacheSizes.pairValueReservation(1, strings))
                    .isEqualTo(CacheSizes.COLUMN_BYTES + CacheSizes.chunkBytes(8, strings));
            long sum = 0;
            for (int k = 1; k <= 2_000; k++) {
                sum += CacheSizes.pairValueReservation(k, strings);
                assertThat(sum).isEqualTo(CacheSizes.COLUMN_BYTES + CacheSizes.maxGrowth(k, strings));
            }
            // Many values per column: what a new column allocates for them, and two largest chunks of slack.
            for (long k : new long[] {1_000, 100_000, 10_000_000}) {
                assertThat(CacheSizes.maxGrowth(k, strings)).as("k=%d", k)
                        .isLessThanOrEqualTo(chunksOf(k, strings) + 2 * CacheSizes.chunkBytes(64, strings));
            }
        }
    }
}
