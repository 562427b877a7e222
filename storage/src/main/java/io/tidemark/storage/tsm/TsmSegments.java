package io.tidemark.storage.tsm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/** Little-endian reads, varints, comparisons and checksums over a mapped file. Stateless. */
final class TsmSegments {
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final VarHandle ARRAY_LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);
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

    /**
     * Compares {@code a[aOffset, aOffset + aLength)} with {@code b[bOffset, bOffset + bLength)} bytewise unsigned.
     * Eight bytes at a time rather than through {@code MemorySegment.mismatch}: the JDK's bulk comparison serves
     * every kind of segment and speculates on the kinds it has seen, so that comparisons of keys against mapped
     * files made the JIT throw away and recompile their callers again and again after a start (seven times for this
     * method on a restart over 100,000 series, half a second of compiler time while the first queries waited).
     */
    static int compare(MemorySegment a, long aOffset, long aLength, MemorySegment b, long bOffset, long bLength) {
        long n = Math.min(aLength, bLength);
        long i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            long x = a.get(LONG_BE, aOffset + i);
            long y = b.get(LONG_BE, bOffset + i);
            if (x != y) {
                return Long.compareUnsigned(x, y);
            }
        }
        for (; i < n; i++) {
            int x = getByte(a, aOffset + i);
            int y = getByte(b, bOffset + i);
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return Long.compare(aLength, bLength);
    }

    /**
     * Compares {@code a[aOffset, aOffset + aLength)} with all of {@code b} bytewise unsigned: a key asked for against
     * a key of the file, without wrapping the array in a segment of another kind than the file's (see above).
     */
    static int compare(MemorySegment a, long aOffset, long aLength, byte[] b) {
        int n = (int) Math.min(aLength, b.length);
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            long x = a.get(LONG_BE, aOffset + i);
            long y = (long) ARRAY_LONG_BE.get(b, i);
            if (x != y) {
                return Long.compareUnsigned(x, y);
            }
        }
        for (; i < n; i++) {
            int x = getByte(a, aOffset + i);
            int y = b[i] & 0xFF;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return Long.compare(aLength, b.length);
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
