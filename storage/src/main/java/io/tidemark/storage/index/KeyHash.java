package io.tidemark.storage.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 32-bit hash of the index's hash tables, over a byte range, without allocating. The mixing is the short-input
 * path of XXH64 by Yann Collet (its primes, lane round and avalanche) applied to the whole input, eight bytes at a
 * time; the 64-bit result is folded to 32 bits. It is not XXH64. It is persisted: version 2 of the series index
 * snapshot stores each series key's hash, which a loading index puts in its table as it is, so a change to this
 * function needs a new snapshot version (older snapshots then load through version 1's path, which hashes every
 * key). It also serves a TSM file's table of where its series start, in memory. Stateless.
 */
public final class KeyHash {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private KeyHash() {
    }

    public static int hash(byte[] b, int off, int len) {
        return (int) hash64(b, off, len);
    }

    /** The 64-bit hash before folding: for counting distinct keys by their hashes across indexes. */
    static long hash64(byte[] b, int off, int len) {
        long h = P5 + len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long lane = (long) LONG_LE.get(b, i);
            h ^= Long.rotateLeft(lane * P2, 31) * P1;
            h = Long.rotateLeft(h, 27) * P1 + P4;
        }
        if (i + 4 <= end) {
            h ^= ((int) INT_LE.get(b, i) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            i += 4;
        }
        for (; i < end; i++) {
            h ^= (b[i] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    /**
     * Whether {@code a[ai, ai + len)} equals {@code b[bi, bi + len)}; the ranges must be inside the arrays. For the
     * short pieces of a series key, cheaper than {@code Arrays.equals} over ranges: eight bytes per comparison.
     */
    static boolean rangeEquals(byte[] a, int ai, byte[] b, int bi, int len) {
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if ((long) LONG_LE.get(a, ai + i) != (long) LONG_LE.get(b, bi + i)) {
                return false;
            }
        }
        if (i + 4 <= len) {
            if ((int) INT_LE.get(a, ai + i) != (int) INT_LE.get(b, bi + i)) {
                return false;
            }
            i += 4;
        }
        for (; i < len; i++) {
            if (a[ai + i] != b[bi + i]) {
                return false;
            }
        }
        return true;
    }
}
