package io.tidemark.storage.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A growable array of longs in chunks of {@value #CHUNK}, so that growing never copies more than one chunk and an
 * index with few entries stays small (the first chunk starts at a few elements and doubles up to a full chunk).
 *
 * <p>Thread-safety: one writer at a time (the index's write lock); lock-free readers. Elements are written with
 * release and read with acquire semantics. A reader sees every element written before it learned the index it
 * reads (from another published structure); a write racing with a read may be seen or not.
 */
final class LongChunks {
    static final int CHUNK_SHIFT = 10;
    static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(long[].class);

    /** The chunks; replaced (never mutated in place) when one is added or the first one grows. */
    private volatile long[][] chunks = {new long[4]};

    /** The element at {@code i}, or 0 where nothing was ever set. */
    long get(int i) {
        long[][] c = chunks;
        int ci = i >>> CHUNK_SHIFT;
        long[] chunk = ci < c.length ? c[ci] : null;
        if (chunk == null || (i & MASK) >= chunk.length) {
            return 0;
        }
        return (long) ELEMENT.getAcquire(chunk, i & MASK);
    }

    /** Writer only. Grows the array to hold index {@code i}. */
    void set(int i, long v) {
        long[] chunk = chunkFor(i);
        ELEMENT.setRelease(chunk, i & MASK, v);
    }

    private long[] chunkFor(int i) {
        long[][] c = chunks;
        int ci = i >>> CHUNK_SHIFT;
        if (ci < c.length && c[ci] != null && (i & MASK) < c[ci].length) {
            return c[ci];
        }
        long[][] grown = ci < c.length ? c.clone() : Arrays.copyOf(c, Math.max(ci + 1, c.length * 2));
        for (int k = 0; k <= ci; k++) {
            if (grown[k] == null) {
                grown[k] = new long[CHUNK];
            } else if (k == ci && grown[k].length <= (i & MASK)) {
                grown[k] = Arrays.copyOf(grown[k], Math.min(CHUNK, Math.max(grown[k].length * 2, (i & MASK) + 1)));
            } else if (k < ci && grown[k].length < CHUNK) {
                grown[k] = Arrays.copyOf(grown[k], CHUNK);
            }
        }
        chunks = grown;
        return grown[ci];
    }
}
