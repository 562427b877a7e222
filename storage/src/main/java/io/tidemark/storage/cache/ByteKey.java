package io.tidemark.storage.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte string used as a hash-map and sorted-map key (series keys, measurement and field names). A key owns its
 * bytes; a probe ({@link #probe()}) is a reusable view of someone else's bytes for lookups without allocating,
 * relying on {@code ConcurrentHashMap.get} calling {@code probe.equals(storedKey)}. A probe must never be stored in
 * a map. Keys are immutable and thread-safe; a probe is confined to one thread.
 */
public final class ByteKey implements Comparable<ByteKey> {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private byte[] bytes;
    private int off;
    private int len;
    private int hash;

    private ByteKey(byte[] bytes, int off, int len) {
        this.bytes = bytes;
        this.off = off;
        this.len = len;
        this.hash = hash(bytes, off, len);
    }

    /** A key holding a copy of the range. */
    public static ByteKey copyOf(byte[] src, int off, int len) {
        return new ByteKey(Arrays.copyOfRange(src, off, off + len), 0, len);
    }

    public static ByteKey of(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new ByteKey(b, 0, b.length);
    }

    /** An empty probe, to be pointed at bytes with {@link #set}. */
    public static ByteKey probe() {
        return new ByteKey(new byte[0], 0, 0);
    }

    /** Points this probe at a range. Only for probes. */
    public ByteKey set(byte[] src, int off, int len) {
        this.bytes = src;
        this.off = off;
        this.len = len;
        this.hash = hash(src, off, len);
        return this;
    }

    public int length() {
        return len;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, off, off + len);
    }

    public boolean equalsRange(byte[] other, int otherOff, int otherLen) {
        return Arrays.equals(bytes, off, off + len, other, otherOff, otherOff + otherLen);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteKey k && k.hash == hash && k.len == len
                && Arrays.equals(bytes, off, off + len, k.bytes, k.off, k.off + k.len);
    }

    /** Unsigned lexicographic order, the order of series keys. */
    @Override
    public int compareTo(ByteKey o) {
        return Arrays.compareUnsigned(bytes, off, off + len, o.bytes, o.off, o.off + o.len);
    }

    @Override
    public String toString() {
        return new String(bytes, off, len, StandardCharsets.UTF_8);
    }

    /**
     * Eight bytes per step, each step a multiply and a shift: series keys run to hundreds of bytes and are hashed on
     * every write and every read of the cache, and a byte-at-a-time {@code 31 * h + b} chain costs about four times
     * as much. In memory only: nothing stores these hashes.
     */
    static int hash(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = off;
        for (int end = off + len - 7; i < end; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        long tail = 0;
        for (int shift = 0, end = off + len; i < end; i++, shift += 8) {
            tail |= (b[i] & 0xFFL) << shift;
        }
        h = (h ^ tail) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (int) (h ^ (h >>> 32));
    }
}
