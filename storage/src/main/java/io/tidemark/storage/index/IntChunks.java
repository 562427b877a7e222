package io.tidemark.storage.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A growable array of ints in chunks of {@value #CHUNK}, so that growing never copies more than one chunk and an
 * index with few entries stays small (the first chunk starts at a few elements and doubles up to a full chunk).
 *
 * <p>Thread-safety: one writer at a time (the index's write lock); lock-free readers. Elements are written with
 * release and read with acquire semantics. A reader sees every element written before it learned the index it
 * reads (from another published structure); a write racing with a read may be seen or not.
 */
final class IntChunks {
    static final int CHUNK_SHIFT = 10;
    static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(int[].class);

    /** The chunks; replaced (never mutated in place) when one is added or the first one grows. */
    private volatile int[][] chunks = {new int[4]};

    /** The element at {@code i}, or 0 where nothing was ever set. */
    int get(int i) {
        int[][] c = chunks;
        int ci = i >>> CHUNK_SHIFT;
        int[] chunk = ci < c.length ? c[ci] : null;
        if (chunk == null || (i & MASK) >= chunk.length) {
            return 0;
        }
        return (int) ELEMENT.getAcquire(chunk, i & MASK);
    }

    /** Writer only. Grows the array to hold index {@code i}. */
    void set(int i, int v) {
        int[] chunk = chunkFor(i);
        ELEMENT.setRelease(chunk, i & MASK, v);
    }

    private int[] chunkFor(int i) {
        int[][] c = chunks;
        int ci = i >>> CHUNK_SHIFT;
        int at = i & MASK;
        if (ci < c.length && c[ci] != null && at < c[ci].length) {
            return c[ci];
        }
        // Only the chunk written to is allocated: a gap of ids (reserved, never assigned) costs no memory.
        int[][] grown = ci < c.length ? c.clone() : Arrays.copyOf(c, Math.max(ci + 1, c.length * 2));
        int[] chunk = grown[ci];
        chunk = chunk == null
                ? new int[ci == 0 ? Math.min(CHUNK, Math.max(4, Integer.highestOneBit(at) << 1)) : CHUNK]
                : Arrays.copyOf(chunk, Math.min(CHUNK, Math.max(chunk.length * 2, at + 1)));
        grown[ci] = chunk;
        chunks = grown;
        return chunk;
    }
}
