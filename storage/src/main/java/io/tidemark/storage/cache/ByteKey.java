package io.tidemark.storage.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte string used as a hash-map and sorted-map key (series keys, measurement and field names). A key owns its
 * bytes; a probe ({@link #probe()}) is a reusable view of someone else's bytes for lookups without allocating,
 * relying on {@code ConcurrentHashMap.get} calling {@code probe.equals(storedKey)}. A probe must never be stored in
 * a map. Keys are immutable and thread-safe; a probe is confined to one thread.
 */
public final class ByteKey implements Comparable<ByteKey> {
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

    private static int hash(byte[] b, int off, int len) {
        int h = 0x9E3779B9;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 15);
    }
}
