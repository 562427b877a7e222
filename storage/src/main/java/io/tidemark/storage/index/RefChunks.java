package io.tidemark.storage.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A growable array of references in chunks, like {@link IntChunks}. An object stored here is safely published:
 * a reader that gets it sees it as it was when it was set.
 *
 * <p>Thread-safety: one writer at a time (the index's write lock); lock-free readers.
 *
 * @param <T> the element type
 */
final class RefChunks<T> {
    private static final int CHUNK_SHIFT = IntChunks.CHUNK_SHIFT;
    private static final int CHUNK = IntChunks.CHUNK;
    private static final int MASK = CHUNK - 1;
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(Object[].class);

    private volatile Object[][] chunks = {new Object[4]};

    /** The element at {@code i}, or null where nothing was ever set. */
    @SuppressWarnings("unchecked")
    T get(int i) {
        Object[][] c = chunks;
        int ci = i >>> CHUNK_SHIFT;
        Object[] chunk = ci < c.length ? c[ci] : null;
        if (chunk == null || (i & MASK) >= chunk.length) {
            return null;
        }
        return (T) ELEMENT.getAcquire(chunk, i & MASK);
    }

    /** Writer only. Grows the array to hold index {@code i}. */
    void set(int i, T v) {
        Object[] chunk = chunkFor(i);
        ELEMENT.setRelease(chunk, i & MASK, v);
    }

    private Object[] chunkFor(int i) {
        Object[][] c = chunks;
        int ci = i >>> CHUNK_SHIFT;
        int at = i & MASK;
        if (ci < c.length && c[ci] != null && at < c[ci].length) {
            return c[ci];
        }
        // Only the chunk written to is allocated: a gap of ids (reserved, never assigned) costs no memory.
        Object[][] grown = ci < c.length ? c.clone() : Arrays.copyOf(c, Math.max(ci + 1, c.length * 2));
        Object[] chunk = grown[ci];
        chunk = chunk == null
                ? new Object[ci == 0 ? Math.min(CHUNK, Math.max(4, Integer.highestOneBit(at) << 1)) : CHUNK]
                : Arrays.copyOf(chunk, Math.min(CHUNK, Math.max(chunk.length * 2, at + 1)));
        grown[ci] = chunk;
        chunks = grown;
        return chunk;
    }
}
