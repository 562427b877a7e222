package io.tidemark.storage.tsm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/** Little-endian reads, varints, comparisons and checksums over a mapped file. Stateless. */
final class TsmSegments {
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** CRC over at most this many bytes at a time: a ByteBuffer view is limited to 2 GiB. */
    private static final long CRC_CHUNK = 1L << 30;

    private TsmSegments() {
    }

    static long getLong(MemorySegment s, long offset) {
        return s.get(LONG_LE, offset);
    }

    static int getInt(MemorySegment s, long offset) {
        return s.get(INT_LE, offset);
    }

    static int getByte(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
    }

    /** The magic as written: the bytes of its text, first byte first. */
    static int getMagic(MemorySegment s, long offset) {
        return Integer.reverseBytes(getInt(s, offset));
    }

    /**
     * A uvarint at {@code offset}, not reaching {@code limit}: returns the value, and the offset after it in
     * {@code next[0]}; -1 if it is cut short, longer than 10 bytes or beyond 2^63 - 1.
     */
    static long uvarint(MemorySegment s, long offset, long limit, long[] next) {
        long v = 0;
        long pos = offset;
        for (int shift = 0; shift < 63; shift += 7) {
            if (pos >= limit) {
                return -1;
            }
            int b = getByte(s, pos++);
            v |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                next[0] = pos;
                return v;
            }
        }
        return -1;
    }

    /** Compares {@code s[aOffset, aOffset + aLength)} with {@code s[bOffset, bOffset + bLength)} bytewise unsigned. */
    static int compare(MemorySegment a, long aOffset, long aLength, MemorySegment b, long bOffset, long bLength) {
        long m = MemorySegment.mismatch(a, aOffset, aOffset + aLength, b, bOffset, bOffset + bLength);
        if (m < 0) {
            return 0;
        }
        if (m == aLength || m == bLength) {
            return Long.compare(aLength, bLength);
        }
        return Integer.compare(getByte(a, aOffset + m), getByte(b, bOffset + m));
    }

    /** CRC-32C of {@code s[offset, offset + length)}. */
    static int crc32c(MemorySegment s, long offset, long length) {
        CRC32C crc = new CRC32C();
        for (long done = 0; done < length; ) {
            long n = Math.min(CRC_CHUNK, length - done);
            crc.update(s.asSlice(offset + done, n).asByteBuffer());
            done += n;
        }
        return (int) crc.getValue();
    }
}
