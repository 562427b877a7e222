package io.tidemark.storage.cache;

/**
 * The bytes the cache counts for what it holds, and the bound a write reserves before it is logged. The counts are
 * upper bounds of the heap a 64-bit JVM uses (16-byte headers, 8-byte references, no compressed oops), so the
 * accounting errs on the side of holding less than the limit. Stateless; its tables are computed once and never
 * written again.
 *
 * <p>A column counts its chunks plus a prepaid share of the chunk it will allocate next ({@link #accountedBytes}):
 * nothing while its last chunk has room, then {@link #prepaySlope} bytes per value over the last slots, so that
 * the last chunk is full exactly when the next one is paid for. Without it, one value appended to a full column
 * adds a whole chunk of the largest capacity, and a write, which cannot know whether its columns will be full when
 * it is applied, would have to reserve that much for every column it touches (4.5 KB for a single value). With it,
 * what k values add to a column is bounded by a small function of k whatever the column's state
 * ({@link #maxGrowth}).
 */
final class CacheSizes {
    /** A chunk's timestamp and value slots. */
    static final int VALUE_BYTES = 16;
    /** A string chunk also holds one reference per value. */
    static final int STRING_VALUE_BYTES = 24;
    /** The chunk object and the headers of its arrays. */
    static final int CHUNK_OVERHEAD_BYTES = 96;
    /**
     * A column object (header, four references, four ints, five longs with its two inline values, two booleans) and
     * its slot in the series' column array.
     */
    static final int COLUMN_BYTES = 120;
    /** A series object, its key object and array headers, its hash-map and sorted-map nodes, its column array. */
    static final int SERIES_BYTES = 256;

    /**
     * Chunk capacities in values: small first chunks keep sparse series cheap, then fixed-size chunks. The fixed size
     * is small enough that a raw chunk is packed (and dies) before a young collection or two has copied it: with 256
     * slots a chunk of a series written every batch stayed raw across collections and its 4 KB of arrays were
     * promoted, which grew the old generation of the serial collector by about 60 MB over the benchmark's load (heap
     * after its last young collection 74–84 MB with 256 slots, 47–52 MB with 64; docs/benchmarks.md).
     */
    private static final int[] CHUNK_CAPACITIES = {8, 32, 64};
    private static final int MAX_CHUNK_CAPACITY = CHUNK_CAPACITIES[CHUNK_CAPACITIES.length - 1];
    /**
     * The values a column holds when its next chunk is the first of the largest capacity. From there on its state
     * (chunk capacity, free slots, next capacity) repeats every {@link #MAX_CHUNK_CAPACITY} values, each period
     * adding one largest chunk to its account.
     */
    private static final int PERIOD_START = periodStart();
    /** Enough values for every state of a column: [0, PERIOD_START) once, then one period. */
    private static final int STATES = PERIOD_START + MAX_CHUNK_CAPACITY;

    private static final long NUMERIC_SLOPE = slope(false);
    private static final long STRING_SLOPE = slope(true);
    /** Per next chunk index (the last one standing for all after it): the fewest free slots that prepay nothing. */
    private static final int[] NUMERIC_UNPREPAID_FREE_SLOTS = unprepaidFreeSlots(false);
    private static final int[] STRING_UNPREPAID_FREE_SLOTS = unprepaidFreeSlots(true);
    /** Per value count n in [0, STATES): {@link #accountedBytes}(n). */
    private static final long[] NUMERIC_ACCOUNTED = accountedTable(false);
    private static final long[] STRING_ACCOUNTED = accountedTable(true);
    /** Per value count k in [0, STATES): {@link #maxGrowth}(k). */
    private static final long[] NUMERIC_MAX_GROWTH = maxGrowthTable(false);
    private static final long[] STRING_MAX_GROWTH = maxGrowthTable(true);

    private CacheSizes() {
    }

    static int maxChunkCapacity() {
        return MAX_CHUNK_CAPACITY;
    }

    static int chunkCapacity(int chunkIndex) {
        return CHUNK_CAPACITIES[Math.min(chunkIndex, CHUNK_CAPACITIES.length - 1)];
    }

    static long chunkBytes(int capacity, boolean strings) {
        return CHUNK_OVERHEAD_BYTES + (long) capacity * (strings ? STRING_VALUE_BYTES : VALUE_BYTES);
    }

    static long stringBytes(int length) {
        return 16 + ((length + 7L) & ~7L);
    }

    static long seriesBytes(int keyLength) {
        return SERIES_BYTES + ((keyLength + 7L) & ~7L);
    }

    /**
     * The bytes per value a column prepays for its next chunk while its last chunk fills up: the least for which a
     * new column's first value pays for nothing but its first chunk (the prepayment of the second chunk, spread over
     * the other 7 slots of the first, starts at its second value). The common write, one value per column per
     * batch, then reserves exactly what a new column costs.
     */
    static long prepaySlope(boolean strings) {
        return strings ? STRING_SLOPE : NUMERIC_SLOPE;
    }

    private static long slope(boolean strings) {
        return Math.ceilDiv(chunkBytes(CHUNK_CAPACITIES[1], strings), CHUNK_CAPACITIES[0] - 1);
    }

    /**
     * What a column whose last chunk has {@code freeSlots} free slots has prepaid for its next chunk, number
     * {@code nextChunkIndex}: all of it when {@code freeSlots} is 0, nothing while the slots left are worth more than
     * the chunk at {@link #prepaySlope} each. See {@link #unprepaidFreeSlots} for where nothing is.
     */
    static long prepaidBytes(int nextChunkIndex, int freeSlots, boolean strings) {
        long prepaid = chunkBytes(chunkCapacity(nextChunkIndex), strings) - prepaySlope(strings) * freeSlots;
        return Math.max(0, prepaid);
    }

    /** The fewest free slots of a last chunk for which {@link #prepaidBytes} is 0, the next chunk's index given. */
    static int unprepaidFreeSlots(int nextChunkIndex, boolean strings) {
        int[] table = strings ? STRING_UNPREPAID_FREE_SLOTS : NUMERIC_UNPREPAID_FREE_SLOTS;
        return table[Math.min(nextChunkIndex, table.length - 1)];
    }

    private static int[] unprepaidFreeSlots(boolean strings) {
        int[] table = new int[CHUNK_CAPACITIES.length];
        for (int i = 0; i < table.length; i++) {
            table[i] = (int) Math.ceilDiv(chunkBytes(CHUNK_CAPACITIES[i], strings), slope(strings));
        }
        return table;
    }

    /**
     * The bytes a column of {@code values} values counts, without its column object and string payloads: the chunks
     * it allocated (capacities 8, 32, 64, 64, ... in order, each allocated by the value that finds the last
     * one full), plus what it prepaid for the next ({@link #prepaidBytes}). 0 for no value (no column).
     */
    static long accountedBytes(long values, boolean strings) {
        long[] table = strings ? STRING_ACCOUNTED : NUMERIC_ACCOUNTED;
        if (values < STATES) {
            return table[(int) values];
        }
        long periods = (values - PERIOD_START) / MAX_CHUNK_CAPACITY;
        return table[(int) (values - periods * MAX_CHUNK_CAPACITY)]
                + periods * chunkBytes(MAX_CHUNK_CAPACITY, strings);
    }

    /**
     * The most a column's account can grow by when {@code values} values are appended to it, over every state it
     * may be in: {@code max over n >= 0 of accountedBytes(n + values) - accountedBytes(n)}, n = 0 being a column
     * created by these values. Non-decreasing in {@code values}, and subadditive (the growth by a + b values is the
     * growth by a, then by b from another state).
     *
     * <p>Exact, not estimated: a column's state repeats every period past {@link #PERIOD_START}, so the states n in
     * [0, STATES) are all there are; and for {@code values >= PERIOD_START} every start n reaches the periodic part,
     * so one more period of values adds exactly one largest chunk.
     */
    static long maxGrowth(long values, boolean strings) {
        long[] table = strings ? STRING_MAX_GROWTH : NUMERIC_MAX_GROWTH;
        if (values < STATES) {
            return table[(int) values];
        }
        long periods = (values - PERIOD_START) / MAX_CHUNK_CAPACITY;
        return table[(int) (values - periods * MAX_CHUNK_CAPACITY)]
                + periods * chunkBytes(MAX_CHUNK_CAPACITY, strings);
    }

    /**
     * What the {@code values}-th value of one (series, field) in a batch adds to the batch's reservation: the
     * column object with the first, then the growth of {@link #maxGrowth} from {@code values - 1} to {@code values}
     * values. Summed over a pair's values: {@code COLUMN_BYTES + maxGrowth(k)}.
     */
    static long pairValueReservation(int values, boolean strings) {
        long growth = maxGrowth(values, strings) - maxGrowth(values - 1L, strings);
        return values == 1 ? COLUMN_BYTES + growth : growth;
    }

    private static int periodStart() {
        int start = 0;
        for (int i = 0; i < CHUNK_CAPACITIES.length - 1; i++) {
            start += CHUNK_CAPACITIES[i];
        }
        if (start == 0 || CHUNK_CAPACITIES.length < 2) {
            throw new IllegalStateException("BUG: the growth sequence needs a small first chunk");
        }
        return start;
    }

    // Walks the growth sequence value by value, from its definition (not from Column's code, which tests compare).
    private static long[] accountedTable(boolean strings) {
        long[] table = new long[STATES];
        long allocated = 0;
        int chunkIndex = -1;
        int free = 0;
        for (int n = 1; n < STATES; n++) {
            if (free == 0) {
                chunkIndex++;
                allocated += chunkBytes(chunkCapacity(chunkIndex), strings);
                free = chunkCapacity(chunkIndex);
            }
            free--;
            table[n] = allocated + prepaidBytes(chunkIndex + 1, free, strings);
        }
        return table;
    }

    private static long[] maxGrowthTable(boolean strings) {
        long[] table = new long[STATES];
        for (int k = 1; k < STATES; k++) {
            long max = 0;
            for (int n = 0; n < STATES; n++) {
                max = Math.max(max, accountedBytes(n + (long) k, strings) - accountedBytes(n, strings));
            }
            table[k] = max;
        }
        return table;
    }
}
