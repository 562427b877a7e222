package io.tidemark.storage.cache;

/**
 * The bytes the cache counts for what it holds, and the bound a write reserves before it is logged. The counts are
 * upper bounds of the heap a 64-bit JVM uses (16-byte headers, 8-byte references, no compressed oops), so the
 * accounting errs on the side of holding less than the limit. The reservation for a batch is computed without
 * looking at the columns it will append to (concurrent writes may change them), so it bounds what the apply can
 * allocate: see {@link #reservation}. Stateless.
 */
final class CacheSizes {
    /** A chunk's timestamp and value slots. */
    static final int VALUE_BYTES = 16;
    /** A string chunk also holds one reference per value. */
    static final int STRING_VALUE_BYTES = 24;
    /** The chunk object and the headers of its arrays. */
    static final int CHUNK_OVERHEAD_BYTES = 96;
    /** A column object, its slot in the series' column array. */
    static final int COLUMN_BYTES = 72;
    /** A series object, its key object and array headers, its hash-map and sorted-map nodes, its column array. */
    static final int SERIES_BYTES = 256;

    /** Chunk capacities in values: small first chunks keep sparse series cheap, then fixed-size chunks. */
    private static final int[] CHUNK_CAPACITIES = {8, 32, 128, 256};
    static final int MAX_CHUNK_CAPACITY = CHUNK_CAPACITIES[CHUNK_CAPACITIES.length - 1];

    private CacheSizes() {
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
     * The most the cache can grow by when {@code values} values ({@code stringValues} of them strings, with
     * {@code stringBytes} of string payload counted by {@link #stringBytes}) are appended to {@code columns} columns
     * ({@code stringColumns} of them string columns), any of which may be new.
     *
     * <p>Why it is a bound: appending k values to a column allocates chunks only when the last one is full, so all
     * new chunks but the last are filled by the new values: capacity allocated &lt;= k + MAX_CHUNK_CAPACITY - 1.
     * Capacities go 8, 32, 128, then 256, so the number of chunks allocated is at most 4 + k / 256; summed over
     * columns, at most 4 * columns + values / 256.
     */
    static long reservation(long values, long stringValues, long stringBytes, long columns, long stringColumns,
            long newSeriesBytes) {
        long numericValues = values - stringValues;
        long numericColumns = columns - stringColumns;
        long slots = numericValues * VALUE_BYTES + stringValues * STRING_VALUE_BYTES
                + (MAX_CHUNK_CAPACITY - 1L) * (numericColumns * VALUE_BYTES + stringColumns * STRING_VALUE_BYTES);
        long chunkObjects = (4 * columns + values / MAX_CHUNK_CAPACITY) * CHUNK_OVERHEAD_BYTES;
        return slots + chunkObjects + columns * COLUMN_BYTES + stringBytes + newSeriesBytes;
    }
}
