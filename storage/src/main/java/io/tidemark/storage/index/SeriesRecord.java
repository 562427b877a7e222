package io.tidemark.storage.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A series as the index stores it: its measurement id and, per tag in key order, the tag key's id local to the
 * measurement and its value, both as the value's id local to the tag key and as the arena reference of the value's
 * bytes. Two encodings:
 * <ul>
 *   <li>in memory, {@code measurementId:varint tagCount:varint (keyId:varint valueRef:u32le)*}, about 52 bytes for
 *       a TSBS {@code cpu} series whose key has 165: the reference lets a lookup compare a value in place;</li>
 *   <li>in a snapshot, {@code measurementId:varint tagCount:varint (keyId:varint valueId:varint)*}, which does not
 *       depend on where the bytes happen to be in memory.</li>
 * </ul>
 * A holder reused to encode or decode; not thread-safe.
 */
final class SeriesRecord {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    int measurementId;
    int tagCount;
    int[] keyIds = new int[16];
    int[] valueIds = new int[16];
    int[] valueRefs = new int[16];

    static int getInt(byte[] b, int pos) {
        return (int) INT_LE.get(b, pos);
    }

    static void putInt(byte[] b, int pos, int v) {
        INT_LE.set(b, pos, v);
    }

    void reset(int measurementId) {
        this.measurementId = measurementId;
        this.tagCount = 0;
    }

    void addTag(int keyId, int valueId, int valueRef) {
        if (tagCount == keyIds.length) {
            keyIds = Arrays.copyOf(keyIds, tagCount * 2);
            valueIds = Arrays.copyOf(valueIds, tagCount * 2);
            valueRefs = Arrays.copyOf(valueRefs, tagCount * 2);
        }
        keyIds[tagCount] = keyId;
        valueIds[tagCount] = valueId;
        valueRefs[tagCount] = valueRef;
        tagCount++;
    }

    /** The most bytes either encoding takes. */
    int maxEncodedBytes() {
        return Varint.MAX_BYTES * (2 + 2 * tagCount);
    }

    /** Writes the in-memory encoding at {@code pos}; returns the position after it. */
    int encodeInMemory(byte[] dst, int pos) {
        pos = Varint.write(dst, pos, measurementId);
        pos = Varint.write(dst, pos, tagCount);
        for (int i = 0; i < tagCount; i++) {
            pos = Varint.write(dst, pos, keyIds[i]);
            putInt(dst, pos, valueRefs[i]);
            pos += 4;
        }
        return pos;
    }

    /** Reads the in-memory encoding at {@code pos} of {@code src}, a page of {@code pages}. */
    void decodeInMemory(byte[][] pages, byte[] src, int pos) {
        long v = Varint.read(src, pos);
        int m = Varint.value(v);
        v = Varint.read(src, Varint.next(v));
        int n = Varint.value(v);
        pos = Varint.next(v);
        reset(m);
        for (int i = 0; i < n; i++) {
            v = Varint.read(src, pos);
            pos = Varint.next(v);
            int ref = getInt(src, pos);
            pos += 4;
            addTag(Varint.value(v), ByteDictionary.idAt(pages, ref), ref);
        }
    }

    /** Writes the snapshot encoding at {@code pos}; returns the position after it. */
    int encodeIds(byte[] dst, int pos) {
        pos = Varint.write(dst, pos, measurementId);
        pos = Varint.write(dst, pos, tagCount);
        for (int i = 0; i < tagCount; i++) {
            pos = Varint.write(dst, pos, keyIds[i]);
            pos = Varint.write(dst, pos, valueIds[i]);
        }
        return pos;
    }
}
