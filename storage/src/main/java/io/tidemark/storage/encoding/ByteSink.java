package io.tidemark.storage.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array that encoders append to. Encoders never touch the bytes before {@link #size()} at the time
 * they were called, so several encodings can follow a prefix in one sink. Fixed-width integers are written
 * little-endian; varints are unsigned LEB128 (at most 10 bytes), signed ones zig-zag encoded first. Not thread-safe.
 */
public final class ByteSink {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int size;

    public ByteSink() {
        this(256);
    }

    public ByteSink(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    /** The number of bytes appended (and kept) so far. */
    public int size() {
        return size;
    }

    /** The backing array; bytes {@code [0, size())} are the content. Valid until the next append. */
    public byte[] array() {
        return buf;
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Forgets the content, keeping the capacity. */
    public void clear() {
        size = 0;
    }

    /** Drops the bytes at and after {@code newSize}. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    /** Makes room for {@code extra} more bytes without another allocation. */
    public void ensureCapacity(int extra) {
        long needed = (long) size + extra;
        if (needed > buf.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("cannot grow a byte sink past 2 GiB (" + needed + " bytes needed)");
            }
            buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16, 2L * buf.length)));
        }
    }

    public void put(int b) {
        ensureCapacity(1);
        buf[size++] = (byte) b;
    }

    public void put(byte[] src, int off, int len) {
        ensureCapacity(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    /** Appends the content of another sink. */
    public void put(ByteSink other) {
        put(other.buf, 0, other.size);
    }

    public void putIntLE(int v) {
        ensureCapacity(4);
        INT_LE.set(buf, size, v);
        size += 4;
    }

    public void putLongLE(long v) {
        ensureCapacity(8);
        LONG_LE.set(buf, size, v);
        size += 8;
    }

    /** Overwrites 4 bytes already appended, at {@code position}. */
    public void setIntLE(int position, int v) {
        if (position < 0 || position > size - 4) {
            throw new IndexOutOfBoundsException("cannot set 4 bytes at " + position + " of " + size);
        }
        INT_LE.set(buf, position, v);
    }

    /** Unsigned LEB128 of the 64 bits of {@code v}. */
    public void putUvarint(long v) {
        ensureCapacity(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** Zig-zag then unsigned LEB128, so that small negative values are short too. */
    public void putVarint(long v) {
        putUvarint(ZigZag.encode(v));
    }
}
