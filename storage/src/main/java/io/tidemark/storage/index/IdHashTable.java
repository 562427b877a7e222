package io.tidemark.storage.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An open-addressing hash table from byte strings to dense int ids that stores no keys: a slot holds the key's
 * 32-bit hash and its id ({@code hash << 32 | id + 1}), and the owner compares the candidate's bytes through a
 * {@link KeyMatcher}. Linear probing; a removed key leaves a tombstone slot until the next rebuild. The table is
 * rebuilt from the stored hashes when live and removed slots pass 70% of its capacity.
 *
 * <p>Thread-safety: one writer at a time (the index's write lock); lock-free readers. A new slot is published
 * with release semantics after the owner stored what the id refers to. A reader may miss a key added after it
 * loaded the slot array (a rebuild replaces the array); the owner then looks again under its write lock.
 */
final class IdHashTable {
    /** Compares a candidate id's stored key with the bytes being looked up. */
    interface KeyMatcher {
        boolean matches(int id, byte[] key, int off, int len);
    }

    /** Takes a live key's stored hash and its id. */
    interface HashAndId {
        void accept(int hash, int id);
    }

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long EMPTY = 0;
    /** A removed key: probes go on past it. Its low half (0xFFFFFFFF) is no id + 1. */
    private static final long REMOVED = -1L;

    private volatile long[] slots;
    /** Writer only: slots that are not empty (live or removed), and live ones. */
    private int used;
    private int live;

    IdHashTable(int initialCapacity) {
        slots = new long[Integer.highestOneBit(Math.max(8, initialCapacity - 1) << 1)];
    }

    /** The id of the key, or -1. Lock-free; allocates nothing. */
    int find(int hash, byte[] key, int off, int len, KeyMatcher matcher) {
        long[] s = slots;
        int mask = s.length - 1;
        for (int i = hash & mask;; i = (i + 1) & mask) {
            long slot = (long) SLOT.getAcquire(s, i);
            if (slot == EMPTY) {
                return -1;
            }
            if ((int) (slot >>> 32) == hash && slot != REMOVED) {
                int id = (int) slot - 1;
                if (matcher.matches(id, key, off, len)) {
                    return id;
                }
            }
        }
    }

    /** Writer only: adds a key known to be absent. */
    void insert(int hash, int id) {
        if (overFull(used + 1, slots.length)) {
            rebuild((live + 1) * 10L > slots.length * 4L ? slots.length * 2 : slots.length);
        }
        long[] s = slots;
        int mask = s.length - 1;
        int i = hash & mask;
        while (s[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        SLOT.setRelease(s, i, ((long) hash << 32) | (id + 1L));
        used++;
        live++;
    }

    /** Writer only: removes the slot of this id; returns whether it was there. */
    boolean remove(int hash, int id) {
        long[] s = slots;
        int mask = s.length - 1;
        long wanted = ((long) hash << 32) | (id + 1L);
        for (int i = hash & mask;; i = (i + 1) & mask) {
            long slot = s[i];
            if (slot == EMPTY) {
                return false;
            }
            if (slot == wanted) {
                SLOT.setRelease(s, i, REMOVED);
                live--;
                return true;
            }
        }
    }

    int size() {
        return live;
    }

    /** Writer only: each live key's hash as stored (not recomputed) and its id, in slot order. */
    void forEachLive(HashAndId action) {
        for (long slot : slots) {
            if (slot != EMPTY && slot != REMOVED) {
                action.accept((int) (slot >>> 32), (int) slot - 1);
            }
        }
    }

    /** Writer only: grows the table at once to hold {@code keys} keys in all without a rebuild on the way. */
    void reserve(int keys) {
        int capacity = slots.length;
        while (overFull(keys, capacity)) {
            capacity *= 2;
        }
        if (capacity != slots.length) {
            rebuild(capacity);
        }
    }

    /** Whether {@code slotsUsed} slots (live or removed) fill more of {@code capacity} than the 70% allowed. */
    private static boolean overFull(long slotsUsed, int capacity) {
        return slotsUsed * 10L > capacity * 7L;
    }

    private void rebuild(int capacity) {
        if (capacity > 1 << 30) {
            throw new IllegalStateException("cannot grow the index hash table past " + (1 << 30) + " slots");
        }
        long[] old = slots;
        long[] s = new long[capacity];
        int mask = capacity - 1;
        for (long slot : old) {
            if (slot != EMPTY && slot != REMOVED) {
                int i = (int) (slot >>> 32) & mask;
                while (s[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                s[i] = slot;
            }
        }
        used = live;
        slots = s;
    }
}
