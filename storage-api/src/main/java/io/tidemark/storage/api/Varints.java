package io.tidemark.storage.api;

/**
 * LEB128 unsigned varints and zig-zag signed varints, the integer encodings of {@link PointBatch}.
 * Stateless; thread-safe.
 */
final class Varints {
    /** The longest encoding of a 64-bit value. */
    static final int MAX_LONG_BYTES = 10;

    private Varints() {
    }

    /** Writes {@code v} as an unsigned varint at {@code pos}; returns the position after it. Caller ensures room. */
    static int putUnsigned(byte[] dst, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            dst[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        dst[pos++] = (byte) v;
        return pos;
    }

    static int putSigned(byte[] dst, int pos, long v) {
        return putUnsigned(dst, pos, zigZag(v));
    }

    static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    static int unsignedSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
