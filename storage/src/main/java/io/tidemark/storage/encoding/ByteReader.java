package io.tidemark.storage.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A bounds-checked read position in a byte array, for decoders: every read past {@code limit} is a
 * {@link MalformedEncodingException} at the position where it happened, never an index exception. Not thread-safe;
 * decoders keep one and re-arm it with {@link #of}.
 */
final class ByteReader {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    byte[] src;
    int pos;
    int limit;

    /** Re-arms this reader over {@code src[offset, limit)}. */
    ByteReader of(byte[] src, int offset, int limit) {
        if (offset < 0 || offset > limit || limit > src.length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + limit + ") of " + src.length + " bytes");
        }
        this.src = src;
        this.pos = offset;
        this.limit = limit;
        return this;
    }

    int remaining() {
        return limit - pos;
    }

    void require(long n, String what) throws MalformedEncodingException {
        if (n > limit - pos) {
            throw new MalformedEncodingException(pos, what + " needs " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    /** {@link #require(long, String)} for {@code count} things named {@code unit}, the message made only on failure. */
    void require(long n, int count, String unit) throws MalformedEncodingException {
        if (n > limit - pos) {
            require(n, count + " " + unit);
        }
    }

    int u8() throws MalformedEncodingException {
        if (pos >= limit) {
            throw new MalformedEncodingException(pos, "unexpected end of input");
        }
        return src[pos++] & 0xFF;
    }

    long longLE() throws MalformedEncodingException {
        require(8, "a 64-bit value");
        long v = (long) LONG_LE.get(src, pos);
        pos += 8;
        return v;
    }

    /** Reads 8 bytes at an absolute index already checked to be in bounds. */
    static long longLE(byte[] src, int index) {
        return (long) LONG_LE.get(src, index);
    }

    long uvarint() throws MalformedEncodingException {
        int start = pos;
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new MalformedEncodingException(pos, "varint cut short");
            }
            int b = src[pos++] & 0xFF;
            if (shift == 63 && b > 1) {
                throw new MalformedEncodingException(start, "varint overflows 64 bits");
            }
            v |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return v;
            }
        }
        throw new MalformedEncodingException(start, "varint longer than 10 bytes");
    }

    long varint() throws MalformedEncodingException {
        return ZigZag.decode(uvarint());
    }

    /** A uvarint that must be in {@code [0, max]}. */
    int uvarintAtMost(int max, String what) throws MalformedEncodingException {
        int start = pos;
        long v = uvarint();
        if (v < 0 || v > max) {
            throw new MalformedEncodingException(start, what + " " + Long.toUnsignedString(v) + " exceeds " + max);
        }
        return (int) v;
    }
}
