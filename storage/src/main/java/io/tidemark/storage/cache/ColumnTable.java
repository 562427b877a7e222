package io.tidemark.storage.cache;

import java.util.Arrays;

/**
 * Maps a batch-local (series index, field name index) pair to its column, so that each distinct pair of a batch is
 * resolved once. Cleared per batch in time proportional to the entries of that batch. Not thread-safe.
 */
final class ColumnTable {
    private static final long EMPTY = -1;
    private long[] keys = filled(256);
    private Column[] values = new Column[256];
    private int[] used = new int[128];
    private int size;

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, EMPTY);
        return a;
    }

    static long key(int seriesIndex, int nameIndex) {
        return ((long) seriesIndex << 32) | nameIndex;
    }

    Column get(long key) {
        int mask = keys.length - 1;
        for (int slot = LongHash.mix(key) & mask; ; slot = (slot + 1) & mask) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    /** Adds a pair known to be absent. */
    void put(long key, Column column) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(key, column);
    }

    private void insert(long key, Column column) {
        int mask = keys.length - 1;
        int slot = LongHash.mix(key) & mask;
        while (keys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = column;
        if (size == used.length) {
            used = Arrays.copyOf(used, size * 2);
        }
        used[size++] = slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        Column[] oldValues = values;
        int n = size;
        int[] oldUsed = Arrays.copyOf(used, n);
        keys = filled(oldKeys.length * 2);
        values = new Column[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < n; i++) {
            insert(oldKeys[oldUsed[i]], oldValues[oldUsed[i]]);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            keys[used[i]] = EMPTY;
            values[used[i]] = null;
        }
        size = 0;
    }
}
