package io.tidemark.storage.index;

/**
 * LEB128 unsigned varints of non-negative ints, the integers of the index's records. Decoding returns the value and
 * the next position packed in one long, so that the hot path decodes without allocating. Stateless.
 */
final class Varint {
    /** The longest encoding of an int. */
    static final int MAX_BYTES = 5;

    private Varint() {
    }

    /** Writes {@code v} (non-negative) at {@code pos}; returns the position after it. Caller ensures room. */
    static int write(byte[] dst, int pos, int v) {
        while ((v & ~0x7F) != 0) {
            dst[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        dst[pos++] = (byte) v;
        return pos;
    }

    static int size(int v) {
        int n = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /**
     * Reads a varint at {@code pos}: the value in the high 32 bits and the position after it in the low 32 bits
     * (see {@link #value} and {@link #next}). Assumes a well-formed varint: the index only decodes what it encoded.
     */
    static long read(byte[] src, int pos) {
        int b = src[pos++];
        if (b >= 0) {
            return ((long) b << 32) | pos;
        }
        int v = b & 0x7F;
        int shift = 7;
        while (true) {
            b = src[pos++];
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                return ((long) v << 32) | pos;
            }
            shift += 7;
        }
    }

    static int value(long packed) {
        return (int) (packed >>> 32);
    }

    static int next(long packed) {
        return (int) packed;
    }
}
