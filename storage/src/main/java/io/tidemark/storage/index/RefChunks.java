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
        if (ci < c.length && c[ci] != null && (i & MASK) < c[ci].length) {
            return c[ci];
        }
        Object[][] grown = ci < c.length ? c.clone() : Arrays.copyOf(c, Math.max(ci + 1, c.length * 2));
        for (int k = 0; k <= ci; k++) {
            if (grown[k] == null) {
                grown[k] = new Object[CHUNK];
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
