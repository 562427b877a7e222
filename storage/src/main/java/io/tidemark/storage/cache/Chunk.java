package io.tidemark.storage.cache;

/**
 * A fixed-capacity run of a column's values, in append order. Written only by the cache applier; a reader may read
 * the slots below the column's published count, which the applier never changes again. Fields are plain: they are
 * published by the column's volatile count (see {@link Column}).
 */
final class Chunk extends ChunkNode {
    final long[] times;
    /** Raw bits of floats, integers, unsigned integers, 0/1 for booleans; unused for strings. */
    final long[] values;
    /** UTF-8 bytes of string values, null for other types. */
    final byte[][] strings;

    Chunk(int capacity, boolean strings) {
        this.times = new long[capacity];
        this.values = strings ? null : new long[capacity];
        this.strings = strings ? new byte[capacity][] : null;
    }

    @Override
    int capacity() {
        return times.length;
    }
}
