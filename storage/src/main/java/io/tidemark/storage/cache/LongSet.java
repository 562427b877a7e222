package io.tidemark.storage.cache;

import java.util.Arrays;

/** An open-addressing set of non-negative longs, reusable across batches. Not thread-safe. */
final class LongSet {
    private static final long EMPTY = -1;
    private long[] keys = filled(64);
    private int size;

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, EMPTY);
        return a;
    }

    /** Adds a key (>= 0); returns whether it was absent. */
    boolean add(long key) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
            long k = keys[slot];
            if (k == key) {
                return false;
            }
            if (k == EMPTY) {
                keys[slot] = key;
                size++;
                return true;
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = keys;
        keys = filled(old.length * 2);
        size = 0;
        for (long k : old) {
            if (k != EMPTY) {
                add(k);
            }
        }
    }

    static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
