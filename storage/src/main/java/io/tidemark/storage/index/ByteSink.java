package io.tidemark.storage.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/** A growable byte array that the index's files are encoded into. Big-endian fixed-width integers. Not thread-safe. */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void clear() {
        size = 0;
    }

    ByteSink u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    ByteSink u32(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    ByteSink u64(long v) {
        u32((int) (v >>> 32));
        return u32((int) v);
    }

    /** Overwrites four bytes at {@code pos} (a length or checksum written after what it covers). */
    void u32At(int pos, int v) {
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
    }

    ByteSink varint(int v) {
        ensure(Varint.MAX_BYTES);
        size = Varint.write(buf, size, v);
        return this;
    }

    ByteSink bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** A varint length and the bytes. */
    ByteSink sized(byte[] b) {
        varint(b.length);
        return bytes(b, 0, b.length);
    }

    /** A u32 length and the bitmap in RoaringBitmap's portable format. */
    ByteSink bitmap(RoaringBitmap bm) {
        int n = bm.serializedSizeInBytes();
        u32(n);
        ensure(n);
        bm.serialize(ByteBuffer.wrap(buf, size, n).slice().order(ByteOrder.LITTLE_ENDIAN));
        size += n;
        return this;
    }

    private void ensure(int n) {
        if (buf.length - size < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
