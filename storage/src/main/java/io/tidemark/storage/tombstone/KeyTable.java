package io.tidemark.storage.tombstone;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * An open-addressing hash table from byte strings (series keys or escaped measurement names) to values, looked up
 * by a range of the caller's bytes without allocating. Keys are held, not copied, and must not change. Not
 * thread-safe while being built; a table that is no longer changed is safe to read from any thread once published
 * through a final field (as {@link TombstoneSet} does).
 */
final class KeyTable<V> {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final byte[][] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask;
    private int size;

    /** A table with room for {@code expected} keys at a load factor of at most 1/2. */
    KeyTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(2, expected) * 2 - 1) << 1;
        keys = new byte[capacity][];
        hashes = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    private KeyTable(KeyTable<?> shape, Object[] values) {
        this.keys = shape.keys;
        this.hashes = shape.hashes;
        this.values = values;
        this.mask = shape.mask;
        this.size = shape.size;
    }

    int size() {
        return size;
    }

    /** Adds a key that is not in the table. */
    void put(byte[] key, V value) {
        if (size + 1 > keys.length / 2) {
            throw new IllegalStateException("BUG: key table built for fewer keys");
        }
        int h = hash(key, 0, key.length);
        int i = h & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        hashes[i] = h;
        values[i] = value;
        size++;
    }

    /** See {@link #get(byte[], int, int)}. */
    V get(byte[] key) {
        return get(key, 0, key.length);
    }

    /** The value of the key {@code b[off, off + len)}, or null. Allocation-free. */
    @SuppressWarnings("unchecked")
    V get(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int i = h & mask;
        byte[] k;
        while ((k = keys[i]) != null) {
            if (hashes[i] == h && k.length == len && Arrays.equals(k, 0, len, b, off, off + len)) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** A table with the same keys, each mapped to {@code f(key, value)}. */
    @SuppressWarnings("unchecked")
    <W> KeyTable<W> mapValues(BiFunction<byte[], V, W> f) {
        Object[] mapped = new Object[values.length];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                mapped[i] = f.apply(keys[i], (V) values[i]);
            }
        }
        return new KeyTable<>(this, mapped);
    }

    /**
     * A 32-bit hash over a byte range, eight bytes at a time (series keys are tens of bytes): each lane is mixed in
     * with a multiply and rotate, the tail byte by byte, and the result finished with MurmurHash3's fmix64
     * avalanche so that the low bits index the table well. In memory only, never persisted.
     */
    static int hash(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = Long.rotateLeft(h ^ ((long) LONG_LE.get(b, i) * 0xC2B2AE3D27D4EB4FL), 29) * 0x9E3779B185EBCA87L;
        }
        for (; i < end; i++) {
            h = (h ^ (b[i] & 0xFF)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
